/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { indexCatalogue } from '@/lib/profile-import/match';
import { planImport, type ImportReport } from '@/lib/profile-import/plan';
import { ImportForm } from './import-form';

// A real report, planned from a small catalogue: one matched rating, one ambiguous title, one film not found.
const CATALOGUE = indexCatalogue([
  { id: 2571, title: 'Matrix, The (1999)', year: 1999, imdbId: null, tmdbId: null },
  {
    id: 34048,
    title: 'War of the Worlds (2005)',
    year: 2005,
    imdbId: null,
    tmdbId: null,
    genres: ['Action'],
  },
  {
    id: 64997,
    title: 'War of the Worlds (2005)',
    year: 2005,
    imdbId: null,
    tmdbId: null,
    genres: ['Sci-Fi'],
  },
]);
const CSV = 'Date,Name,Year,Letterboxd URI,Rating\n'; // what the server reads is mocked below
const entry = (line: number, title: string, year: number, rating: number) => ({
  key: `ratings.csv:${line}`,
  kind: 'rating' as const,
  rating,
  date: new Date('2023-01-01T00:00:00Z'),
  title,
  year,
});
const UPLOAD = {
  files: [{ name: 'ratings.csv', format: 'letterboxd-ratings', label: 'Letterboxd ratings' }],
  entries: [
    entry(2, 'The Matrix', 1999, 4.5),
    entry(3, 'War of the Worlds', 2005, 3),
    entry(4, 'Oppenheimer', 2023, 4),
  ],
  skipped: { notMovies: {}, unrated: 0 },
};
const report = (choices = {}): ImportReport =>
  planImport(UPLOAD, CATALOGUE, { ratings: new Map(), watchlist: new Set() }, choices);

const fetchMock = jest.fn();
beforeEach(() => {
  fetchMock.mockReset();
  global.fetch = fetchMock;
});

const reply = (status: number, body: unknown) => ({ ok: status < 400, status, json: async () => body });
const sent = (call: number): Record<string, FormDataEntryValue> =>
  Object.fromEntries(fetchMock.mock.calls[call][1].body);

async function checkFile(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(
    screen.getByLabelText('Export file'),
    new File([CSV], 'ratings.csv', { type: 'text/csv' }),
  );
  await user.click(screen.getByRole('button', { name: 'Check the file' }));
}

describe('ImportForm', () => {
  it('shows the report, lets the visitor pick the ambiguous film, and confirms with that choice', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(reply(200, { saved: false, report: report() }));
    render(<ImportForm />);
    await checkFile(user);
    expect(sent(0).confirm).toBeUndefined(); // the first request saves nothing

    await screen.findByRole('heading', { name: /Matched ratings/ });
    expect(screen.getByRole('link', { name: 'The Matrix (1999)' })).toHaveAttribute('href', '/movies/2571');
    expect(screen.getByText('Oppenheimer (2023)')).toBeInTheDocument();
    const group = screen.getByRole('group', { name: '“War of the Worlds” (2005), 3★' });
    expect(screen.getByRole('button', { name: 'Import 1 rating' })).toBeEnabled();

    await user.click(screen.getByRole('radio', { name: /War of the Worlds \(2005\) · Action/ }));
    expect(group).toBeInTheDocument();
    fetchMock.mockResolvedValueOnce(reply(200, { saved: true, report: report({ 'ratings.csv:3': 34048 }) }));
    await user.click(screen.getByRole('button', { name: 'Import 2 ratings' }));
    await screen.findByRole('heading', { name: 'Imported' });
    expect(sent(1)).toMatchObject({ confirm: '1', choices: '{"ratings.csv:3":34048}' });
    expect(screen.getByText(/2 new ratings, 0 replaced/)).toBeInTheDocument();
  });

  it('shows the server’s one-line message for a bad file and stays on the upload form', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(
      reply(400, { error: 'notes.csv has no header this site recognises.', reason: 'unknown-format' }),
    );
    render(<ImportForm />);
    await checkFile(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'notes.csv has no header this site recognises.',
    );
    expect(screen.getByLabelText('Export file')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Export file')).toHaveClass('is-invalid');
  });

  it('refuses a file over 5 MB before sending it', async () => {
    const user = userEvent.setup();
    render(<ImportForm />);
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Export file'), big);
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('limited to 5 MB'));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
