import { strToU8 } from 'fflate';
import { describeEachDatabase } from '@/db/test-db';
import { indexCatalogue } from '@/lib/profile-import/match';
import { readExport } from '@/lib/profile-import/read-export';
import { listMarkedMovieIds } from './movie-marks';
import { loadImportCatalogue, loadVisitorState, saveProfileImport } from './profile-import';
import { listUserRatings, upsertRating } from './ratings';
import { seedTestMovies, TEST_MOVIES } from './test-movies';
import { createVisitor } from './visitors';

const letterboxd = (rows: string) =>
  readExport(strToU8(`Date,Name,Year,Letterboxd URI,Rating\n${rows}`), 'ratings.csv');
const watchlist = (rows: string) => readExport(strToU8(`Date,Name,Year,Letterboxd URI\n${rows}`), 'watchlist.csv');

describeEachDatabase(
  'saving a profile import',
  (current) => {
    it('loads the catalogue with its ids for matching', async () => {
      const catalogue = await loadImportCatalogue(current().db);
      expect(catalogue.movies.size).toBe(TEST_MOVIES.length);
      expect(catalogue.match({ key: 'k', kind: 'rating', date: null, title: '', year: null, imdbId: 133093 })).toEqual({
        status: 'matched',
        movieId: 2571,
        by: 'id',
      });
      expect(catalogue.match({ key: 'k', kind: 'rating', date: null, title: 'Amelie', year: 2002 })).toMatchObject({
        movieId: 4973,
      });
    });

    it('writes new ratings with the file’s dates and new watchlist marks; a second save changes nothing', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      const catalogue = await loadImportCatalogue(db);
      const upload = letterboxd('2023-02-01,The Matrix,1999,a,4.5\n2023-03-01,Amélie,2001,b,5\n');
      const first = await saveProfileImport(db, { userId, upload, catalogue, choices: {} });
      expect(first.counts.ratings.new).toBe(2);
      const ratings = await listUserRatings(db, userId);
      expect(ratings.map((r) => [r.movieId, r.rating, r.ratedAt.toISOString()])).toEqual([
        [4973, 5, '2023-03-01T00:00:00.000Z'],
        [2571, 4.5, '2023-02-01T00:00:00.000Z'],
      ]);
      const again = await saveProfileImport(db, { userId, upload, catalogue, choices: {} });
      expect(again.counts.ratings).toEqual({ new: 0, unchanged: 2, replaces: 0, kept: 0 });

      const list = watchlist('2024-01-01,Toy Story 2,1999,c\n2024-01-01,The Matrix,1999,d\n');
      const marked = await saveProfileImport(db, { userId, upload: list, catalogue, choices: {} });
      expect(marked.counts.watchlist).toEqual({ new: 1, unchanged: 0, rated: 1 });
      expect(await listMarkedMovieIds(db, userId, 'watchlist')).toEqual([3114]);
      const state = await loadVisitorState(db, userId);
      expect([...state.watchlist]).toEqual([3114]);
      expect(state.ratings.get(2571)?.rating).toBe(4.5);
    });

    it('replaces an older rating with a newer import, keeps a newer one, and takes a rated movie off the watchlist', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      await upsertRating(db, { userId, movieId: 1, rating: 2, ratedAt: new Date('2022-01-01T00:00:00Z') });
      await upsertRating(db, { userId, movieId: 2, rating: 2, ratedAt: new Date('2025-01-01T00:00:00Z') });
      const catalogue = await loadImportCatalogue(db);
      await saveProfileImport(db, { userId, upload: watchlist('2024-01-01,Toy Story 2,1999,c\n'), catalogue, choices: {} });
      const upload = letterboxd('2023-01-01,Toy Story,1995,a,5\n2023-01-01,Jumanji,1995,b,5\n2023-01-01,Toy Story 2,1999,c,4\n');
      const report = await saveProfileImport(db, { userId, upload, catalogue, choices: {} });
      expect(report.ratings.map((row) => [row.movieId, row.status])).toEqual([
        [1, 'replaces'],
        [2, 'kept'],
        [3114, 'new'],
      ]);
      const ratings = new Map((await listUserRatings(db, userId)).map((r) => [r.movieId, r.rating]));
      expect(Object.fromEntries(ratings)).toEqual({ 1: 5, 2: 2, 3114: 4 });
      expect(await listMarkedMovieIds(db, userId, 'watchlist')).toEqual([]);
    });

    it('saves nothing when one write fails (one transaction)', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      // A catalogue that names a movie the database does not have: its rating breaks the foreign key.
      const stale = indexCatalogue([
        { id: 1, title: 'Toy Story (1995)', year: 1995, imdbId: null, tmdbId: null },
        { id: 424242, title: 'Gone Movie (2001)', year: 2001, imdbId: null, tmdbId: null },
      ]);
      const upload = letterboxd('2023-01-01,Toy Story,1995,a,5\n2023-01-02,Gone Movie,2001,b,4\n');
      await expect(saveProfileImport(db, { userId, upload, catalogue: stale, choices: {} })).rejects.toThrow();
      expect(await listUserRatings(db, userId)).toEqual([]);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
