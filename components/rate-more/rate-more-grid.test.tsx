/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { skipMovie, unskipMovies } from '@/lib/actions/movie-marks';
import { RateMoreGrid, type MovieToRate } from './rate-more-grid';

jest.mock('@/lib/actions/movie-marks', () => ({
  setWatchlist: jest.fn(),
  skipMovie: jest.fn(),
  unskipMovies: jest.fn(),
}));
jest.mock('@/lib/actions/ratings', () => ({ rateMovie: jest.fn(), removeRating: jest.fn() }));

const skipMock = jest.mocked(skipMovie);
const unskipMock = jest.mocked(unskipMovies);

function item(id: number, title: string, predicted: number | null = null): MovieToRate {
  return {
    movie: {
      id,
      title,
      year: 1995,
      genres: ['Comedy'],
      imdbId: null,
      tmdbId: null,
      ratingCount: 10,
      meanRating: 4,
    },
    rating: null,
    predicted,
    watchlisted: false,
  };
}

const ITEMS = [item(1, 'Toy Story (1995)'), item(2, 'Jumanji (1995)'), item(3, 'Heat (1995)')];
const titles = () =>
  within(screen.getByRole('list', { name: 'Movies to rate' }))
    .getAllByRole('heading', { level: 3 })
    .map((heading) => heading.textContent?.replace(/\s*\(\d{4}\)$/, ''));

beforeEach(() => {
  skipMock.mockReset().mockResolvedValue({ status: 'saved', message: 'Skipped.' });
  unskipMock.mockReset().mockResolvedValue({ status: 'saved', message: 'Back.' });
});

describe('RateMoreGrid', () => {
  const props = { ratings: {}, previousHref: null, nextHref: '/?start=3', firstHref: null, pageSize: 3 };

  it('takes a skipped card out at once, stores the skip and offers an undo', async () => {
    const user = userEvent.setup();
    render(<RateMoreGrid items={ITEMS} {...props} />);
    await user.click(screen.getByRole('button', { name: 'Haven’t seen it: skip Jumanji' }));
    expect(titles()).toEqual(['Toy Story', 'Heat']);
    expect(await screen.findByText('Skipped Jumanji: it will not be offered again.')).toBeInTheDocument();
    expect(skipMock.mock.calls[0]?.[1].get('movieId')).toBe('2');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Jumanji is back.')).toBeInTheDocument();
    expect(unskipMock.mock.calls[0]?.[1].get('movieId')).toBe('2');
    expect(titles()).toEqual(['Toy Story', 'Jumanji', 'Heat']);
  });

  it('gives the keyboard focus to the next card’s skip button (the last card: the one before)', async () => {
    const user = userEvent.setup();
    render(<RateMoreGrid items={ITEMS} {...props} />);
    await user.click(screen.getByRole('button', { name: 'Haven’t seen it: skip Jumanji' }));
    expect(screen.getByRole('button', { name: 'Haven’t seen it: skip Heat' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Haven’t seen it: skip Heat' }));
    expect(screen.getByRole('button', { name: 'Haven’t seen it: skip Toy Story' })).toHaveFocus();
  });

  it('brings the card back when the skip cannot be saved', async () => {
    skipMock.mockResolvedValueOnce({ status: 'error', message: 'Not saved: try again.' });
    const user = userEvent.setup();
    render(<RateMoreGrid items={ITEMS} {...props} />);
    await user.click(screen.getByRole('button', { name: 'Haven’t seen it: skip Heat' }));
    expect(await screen.findByText('Not saved: try again.')).toBeInTheDocument();
    expect(titles()).toEqual(['Toy Story', 'Jumanji', 'Heat']);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('keeps the page and its "next" link as first shown when the server leaves a rated movie out', () => {
    const { rerender } = render(<RateMoreGrid items={ITEMS} {...props} />);
    // Toy Story was rated: the server's refreshed page leaves it out, starts later, and has new predictions.
    rerender(
      <RateMoreGrid
        items={[item(2, 'Jumanji (1995)', 3.5), item(3, 'Heat (1995)'), item(4, 'Casino (1995)')]}
        {...props}
        ratings={{ 1: 4.5 }}
        nextHref="/?start=4"
      />,
    );
    expect(titles()).toEqual(['Toy Story', 'Jumanji', 'Heat']);
    // Rated elsewhere on the page (the search box), the held card shows the stars.
    expect(screen.getByRole('radio', { name: 'Rate Toy Story 4.5 stars' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(screen.getByRole('link', { name: 'Next 3 →' })).toHaveAttribute('href', '/?start=3');
    expect(screen.getByText('3.5★', { exact: false })).toBeInTheDocument();
  });
});
