import { planImport, writesOf, type VisitorState } from './plan';
import { readExport } from './read-export';
import { fixture, mlLatestSmallCatalogue } from './test-catalogue';
import { strToU8 } from 'fflate';

const empty = (): VisitorState => ({ ratings: new Map(), watchlist: new Set() });
const letterboxd = (rows: string) =>
  readExport(strToU8(`Date,Name,Year,Letterboxd URI,Rating\n${rows}`), 'ratings.csv');

describe('planImport', () => {
  const catalogue = mlLatestSmallCatalogue();

  it('reports matched, ambiguous, missing and skipped rows of a Letterboxd ZIP, with MovieLens titles', () => {
    const report = planImport(readExport(fixture('letterboxd-export.zip'), 'export.zip'), catalogue, empty());
    expect(report.counts).toMatchObject({
      ratings: { new: 124, unchanged: 0, replaces: 0, kept: 0 },
      ambiguous: 2,
      missing: 9, // rated: 7 films not in the catalogue and "Life of Brian"; on the watchlist: Past Lives
    });
    expect(report.ratings.find((row) => row.fileTitle === 'Star Wars')).toMatchObject({
      movieId: 260,
      title: 'Star Wars: Episode IV - A New Hope',
      year: 1977,
      rating: 5,
      status: 'new',
      by: 'title',
    });
    const war = report.ambiguous.find((row) => row.fileTitle === 'War of the Worlds')!;
    expect(war.candidates.map((movie) => movie.movieId)).toEqual([34048, 64997]);
    expect(war.chosen).toBeNull();
    // The Matrix is rated in the same upload, so its watchlist row is not added.
    expect(report.watchlist.find((row) => row.movieId === 2571)?.status).toBe('rated');
  });

  it('saves a chosen candidate of an ambiguous row, and ignores a choice that is not a candidate', () => {
    const upload = letterboxd('2023-01-01,War of the Worlds,2005,x,3\n2023-01-01,Emma,1996,y,4\n');
    const report = planImport(upload, catalogue, empty(), { 'ratings.csv:2': 34048, 'ratings.csv:3': 1 });
    expect(report.ratings).toEqual([
      expect.objectContaining({ movieId: 34048, by: 'chosen', status: 'new' }),
    ]);
    expect(report.ambiguous.map((row) => row.chosen)).toEqual([34048, null]);
  });

  it('replaces a stored rating only with a later-dated one; never without a date', () => {
    const state: VisitorState = {
      ratings: new Map([
        [2571, { rating: 3, ratedAt: new Date('2023-06-01T12:00:00Z') }],
        [1, { rating: 2, ratedAt: new Date('2020-01-01T00:00:00Z') }],
        [260, { rating: 5, ratedAt: new Date('2020-01-01T00:00:00Z') }],
      ]),
      watchlist: new Set(),
    };
    const dated = planImport(
      letterboxd(
        '2023-07-01,The Matrix,1999,a,4\n2019-01-01,Toy Story,1995,b,5\n2023-01-01,Star Wars,1977,c,5\n',
      ),
      catalogue,
      state,
    );
    expect(dated.ratings.map((row) => [row.movieId, row.status, row.current])).toEqual([
      [2571, 'replaces', 3],
      [1, 'kept', 2],
      [260, 'unchanged', 5],
    ]);
    const undated = planImport(readExport(fixture('movielens-ratings.csv'), 'ratings.csv'), catalogue, state);
    expect(undated.ratings.find((row) => row.movieId === 1)?.status).toBe('kept');
    expect(writesOf(undated).ratings.map((row) => row.movieId)).not.toContain(1);
  });

  it('keeps the latest-dated row of a movie rated twice (a diary rewatch) and counts the duplicate', () => {
    const report = planImport(readExport(fixture('letterboxd/diary.csv'), 'diary.csv'), catalogue, empty());
    expect(report.ratings.filter((row) => row.movieId === 2571)).toEqual([
      expect.objectContaining({ rating: 4.5 }),
    ]);
    expect(report.skipped).toMatchObject({ duplicates: 1, unrated: 1 });
  });

  it('counts IMDb’s non-movies and plans nothing for them', () => {
    const report = planImport(readExport(fixture('imdb-ratings.csv'), 'ratings.csv'), catalogue, empty());
    expect(report.counts).toMatchObject({ notMovies: 4, missing: 1, rows: 35, ratings: { new: 30 } });
  });

  it('plans nothing new for a file already imported', () => {
    const upload = readExport(fixture('letterboxd/watchlist.csv'), 'watchlist.csv');
    const first = planImport(upload, catalogue, empty());
    const state: VisitorState = {
      ratings: new Map(),
      watchlist: new Set(first.watchlist.map((row) => row.movieId)),
    };
    const again = planImport(upload, catalogue, state);
    expect(first.counts.watchlist.new).toBe(7);
    expect(again.counts.watchlist).toEqual({ new: 0, unchanged: 7, rated: 0 });
    expect(writesOf(again)).toEqual({ ratings: [], watchlist: [] });
  });
});
