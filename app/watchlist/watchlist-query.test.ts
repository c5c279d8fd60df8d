import {
  pageOf,
  parseWatchlistQuery,
  sortWatchlist,
  watchlistHref,
  type WatchlistEntry,
} from './watchlist-query';

const day = (n: number) => new Date(Date.UTC(2026, 11, n));
const ENTRIES: WatchlistEntry[] = [
  { movieId: 1, title: 'Toy Story (1995)', year: 1995, addedAt: day(1), predicted: 3.5 },
  { movieId: 2571, title: 'Matrix, The (1999)', year: 1999, addedAt: day(3), predicted: 4.5 },
  { movieId: 10, title: 'Untitled', year: null, addedAt: day(2), predicted: null },
  {
    movieId: 4973,
    title: "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)",
    year: 2001,
    addedAt: day(4),
    predicted: 4,
  },
  { movieId: 2, title: 'Jumanji (1995)', year: 1995, addedAt: day(5), predicted: 3.5 },
];
const ids = (entries: WatchlistEntry[]) => entries.map((entry) => entry.movieId);

describe('watchlist order', () => {
  it('puts the highest predicted rating first, movies without one last, ties newest added first', () => {
    expect(ids(sortWatchlist(ENTRIES, 'predicted'))).toEqual([2571, 4973, 2, 1, 10]);
  });

  it('sorts by date added (newest first), displayed title and year (newest first, unknown last)', () => {
    expect(ids(sortWatchlist(ENTRIES, 'added'))).toEqual([2, 4973, 2571, 10, 1]);
    // Displayed titles: Amélie, Jumanji, The Matrix, Toy Story, Untitled.
    expect(ids(sortWatchlist(ENTRIES, 'title'))).toEqual([4973, 2, 2571, 1, 10]);
    expect(ids(sortWatchlist(ENTRIES, 'year'))).toEqual([4973, 2571, 2, 1, 10]);
  });

  it('leaves its input unchanged', () => {
    const before = ids(ENTRIES);
    sortWatchlist(ENTRIES, 'title');
    expect(ids(ENTRIES)).toEqual(before);
  });
});

describe('watchlist URL and pages', () => {
  it('reads the sort and page, falling back to the defaults', () => {
    expect(parseWatchlistQuery({})).toEqual({ sort: 'predicted', page: 1 });
    expect(parseWatchlistQuery({ sort: 'year', page: '3' })).toEqual({ sort: 'year', page: 3 });
    expect(parseWatchlistQuery({ sort: ['title', 'year'], page: '-2' })).toEqual({ sort: 'title', page: 1 });
    expect(parseWatchlistQuery({ sort: 'rot13', page: '1.5' })).toEqual({ sort: 'predicted', page: 1 });
  });

  it('leaves defaults out of addresses', () => {
    expect(watchlistHref({ sort: 'predicted', page: 1 })).toBe('/watchlist');
    expect(watchlistHref({ sort: 'added', page: 2 })).toBe('/watchlist?sort=added&page=2');
  });

  it('cuts pages of the given size and clamps the page number', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 1)).toMatchObject({ page: 1, pages: 3, items: items.slice(0, 50) });
    expect(pageOf(items, 3).items).toEqual(items.slice(100));
    expect(pageOf(items, 9)).toMatchObject({ page: 3 });
    expect(pageOf([], 4)).toEqual({ items: [], page: 1, pages: 1 });
  });
});
