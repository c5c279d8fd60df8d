/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MovieSearch, type SearchItem, type TagItem } from './movie-search';

jest.mock('@/lib/actions/ratings', () => ({ rateMovie: jest.fn(), removeRating: jest.fn() }));
const push = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push }) }));

const toyStory: SearchItem = {
  id: 1,
  title: 'Toy Story (1995)',
  year: 1995,
  genres: ['Animation'],
  ratingCount: 215,
};
const toyStory2: SearchItem = {
  id: 3114,
  title: 'Toy Story 2 (1999)',
  year: 1999,
  genres: ['Animation'],
  ratingCount: 97,
};
const matrix: SearchItem = {
  id: 2571,
  title: 'Matrix, The (1999)',
  year: 1999,
  genres: ['Action'],
  ratingCount: 278,
};

const fetchMock = jest.fn();

const pixar: TagItem = { tag: 'pixar', movieCount: 12 };

function answer(items: SearchItem[], tags: TagItem[] = []) {
  return { ok: true, status: 200, json: async () => ({ items, tags }) };
}

beforeEach(() => {
  jest.useFakeTimers();
  push.mockReset();
  fetchMock
    .mockReset()
    .mockImplementation(async (url: string) =>
      answer(
        decodeURIComponent(url).includes('matrix')
          ? [matrix]
          : decodeURIComponent(url).includes('toy')
            ? [toyStory, toyStory2]
            : [],
        decodeURIComponent(url).includes('toy') ? [pixar] : [],
      ),
    );
  global.fetch = fetchMock as unknown as typeof fetch;
});

afterEach(() => jest.useRealTimers());

function setup(props: Parameters<typeof MovieSearch>[0] = {}) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
  render(<MovieSearch {...props} />);
  return { user, input: screen.getByRole('combobox', { name: 'Find a movie you have seen' }) };
}

async function settle() {
  await act(async () => {
    jest.advanceTimersByTime(300);
  });
}

describe('MovieSearch', () => {
  it('asks the server once, after typing pauses, and shows a loading state meanwhile', async () => {
    const { user, input } = setup();
    await user.type(input, 'toy sto');
    expect(screen.getByText('Searching…')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    await settle();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/movies?search=toy%20sto&limit=8');
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'Toy Story (1995)215 ratings',
      'Toy Story 2 (1999)97 ratings',
      'Tagpixar12 movies',
      'See all results for “toy sto”',
    ]);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByText(/2 movies and 1 tag: use the arrow keys to choose, or Enter to see all results/),
    ).toBeInTheDocument();
  });

  it('shows titles readably with the year ("Matrix, The (1999)" reads "The Matrix (1999)")', async () => {
    const { user, input } = setup();
    await user.type(input, 'matrix');
    await settle();
    expect(await screen.findByRole('option', { name: /The Matrix \(1999\)/ })).toBeInTheDocument();
  });

  it('moves through the matches with the arrow keys and chooses with Enter', async () => {
    const { user, input } = setup({ ratings: { 3114: 4 } });
    await user.type(input, 'toy');
    await settle();
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('option', { name: /^Toy Story \(1995\)/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(input).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[0]?.id);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}'); // stops at the last one
    expect(screen.getByRole('option', { name: /^See all results/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getByRole('option', { name: /^Toy Story 2/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    const chosen = screen.getByRole('group', { name: 'Chosen: Toy Story 2' });
    expect(chosen).toContainElement(screen.getByRole('link', { name: 'Toy Story 2' }));
    expect(screen.getByRole('link', { name: 'Toy Story 2' })).toHaveAttribute('href', '/movies/3114');
    // The visitor's rating of it is shown, ready to change.
    expect(screen.getByRole('radio', { name: 'Rate Toy Story 2 4 stars' })).toBeChecked();
  });

  it('opens the full results on Enter with no option active, and from "see all results"', async () => {
    const { user, input } = setup();
    await user.type(input, 'godfater part ii');
    await settle();
    await user.keyboard('{Enter}');
    expect(push).toHaveBeenCalledWith('/search?q=godfater%20part%20ii');
    expect(input).toHaveAttribute('aria-expanded', 'false');

    push.mockReset();
    await user.clear(input);
    await user.type(input, 'toy');
    await settle();
    await user.click(await screen.findByRole('option', { name: 'See all results for “toy”' }));
    expect(push).toHaveBeenCalledWith('/search?q=toy');
  });

  it('opens the page of a chosen tag', async () => {
    const { user, input } = setup();
    await user.type(input, 'toy');
    await settle();
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}');
    expect(push).toHaveBeenCalledWith('/tags/pixar');
  });

  it('is a search form that works without JavaScript (GET /search?q=…)', () => {
    setup();
    const form = screen.getByRole('search');
    expect(form).toHaveAttribute('action', '/search');
    expect(screen.getByRole('combobox', { name: 'Find a movie you have seen' })).toHaveAttribute('name', 'q');
    expect(screen.getByRole('button', { name: 'Search' })).toHaveAttribute('type', 'submit');
  });

  it('chooses with a click', async () => {
    const { user, input } = setup();
    await user.type(input, 'matrix');
    await settle();
    await user.click(await screen.findByRole('option', { name: /The Matrix/ }));
    expect(screen.getByRole('radiogroup', { name: 'Your rating for The Matrix' })).toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    const { user, input } = setup();
    await user.type(input, 'zzqx');
    await settle();
    expect(await screen.findByText('No movies match “zzqx”.')).toBeInTheDocument();
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(input).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Enter}'); // still a way to the full results (tags, other spellings)
    expect(push).toHaveBeenCalledWith('/search?q=zzqx');
  });

  it('closes with Escape and clears with a second Escape', async () => {
    const { user, input } = setup();
    await user.type(input, 'toy');
    await settle();
    await screen.findAllByRole('option');
    await user.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveValue('toy');
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
  });

  it('says the search failed when the server does', async () => {
    fetchMock.mockResolvedValueOnce({ ok: false, status: 500, json: async () => ({}) });
    const { user, input } = setup();
    await user.type(input, 'toy');
    await settle();
    expect(await screen.findByText('Search failed. Please try again.')).toBeInTheDocument();
  });

  it('waits for two characters', async () => {
    const { user, input } = setup();
    await user.type(input, 't');
    await settle();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
