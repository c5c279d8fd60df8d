import { describeEachDatabase } from '@/db/test-db';
import { listTaggedMovies, searchMovies, suggestMovies, suggestTags } from './search';
import { seedTestMovies } from './test-movies';

describeEachDatabase(
  'search data',
  (current) => {
    const titles = async (text: string, limit = 10) =>
      (await suggestMovies(current().db, text, limit)).map((movie) => movie.title);

    describe('suggestMovies (the autocomplete)', () => {
      it('ranks the title typed first, then titles starting with it, then by ratings', async () => {
        expect(await titles('toy sto')).toEqual(['Toy Story (1995)', 'Toy Story 2 (1999)']);
        expect(await titles('MATRIX')).toEqual(['Matrix, The (1999)', 'Matrix Reloaded, The (2003)']);
        // "story" starts a word in three titles, never the title: the most rated first.
        expect(await titles('story')).toEqual(['Toy Story (1995)', 'Toy Story 2 (1999)', 'Under_score Story (2001)']);
      });

      it('forgives the article, word order, diacritics, punctuation and one typo', async () => {
        expect(await titles('the matrix')).toEqual(['Matrix, The (1999)', 'Matrix Reloaded, The (2003)']);
        expect(await titles('reloaded matrix')).toEqual(['Matrix Reloaded, The (2003)']);
        expect(await titles('amelie')).toEqual(["Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)"]);
        expect(await titles('fabuleux destin')).toEqual(["Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)"]);
        expect(await titles('back-slash')).toEqual(['Back\\Slash (2002)']);
        expect(await titles('jumaji')).toEqual(['Jumanji (1995)']);
      });

      it('gives each suggestion its genres, year and rating count', async () => {
        expect(await suggestMovies(current().db, 'jumanji')).toEqual([
          { id: 2, title: 'Jumanji (1995)', year: 1995, genres: ['Adventure', 'Children', 'Fantasy'], ratingCount: 2 },
        ]);
      });

      it('matches text without letters or digits literally, and never as SQL', async () => {
        expect(await titles('%')).toEqual(['100% Arbitrary (2000)']);
        expect(await titles('_')).toEqual(['Under_score Story (2001)']);
        expect(await titles('\\')).toEqual(['Back\\Slash (2002)']);
        expect(await titles("' OR 1=1 --")).toEqual([]);
        expect(await titles('   ')).toEqual([]);
        expect(await titles('y', 2)).toHaveLength(0); // no word starts with "y"
        expect(await titles('t', 2)).toHaveLength(2);
      });
    });

    it('suggests tags by their folded words, in their most used spelling', async () => {
      expect(await suggestTags(current().db, 'PIX')).toEqual([{ tag: 'pixar', movieCount: 1 }]);
      expect(await suggestTags(current().db, 'fun')).toEqual([{ tag: '<b>fun</b>', movieCount: 1 }]);
      expect(await suggestTags(current().db, 'matrix')).toEqual([]);
    });

    it('pages through the full results with exact statistics', async () => {
      const first = await searchMovies(current().db, 'toy', { offset: 0, limit: 1 });
      expect(first.total).toBe(2);
      expect(first.movies).toEqual([expect.objectContaining({ id: 1, ratingCount: 4, meanRating: 4.125 })]);
      const second = await searchMovies(current().db, 'toy', { offset: 1, limit: 1 });
      expect(second.movies.map((movie) => movie.id)).toEqual([3114]);
      expect(await searchMovies(current().db, 'zzqx', { offset: 0, limit: 10 })).toEqual({ total: 0, movies: [] });
    });

    it('lists the movies of a tag, whatever its spelling in the link', async () => {
      for (const spelling of ['pixar', 'Pixar', ' PIXAR ']) {
        expect(await listTaggedMovies(current().db, spelling, { offset: 0, limit: 10 })).toEqual({
          tag: 'pixar',
          total: 1,
          movies: [expect.objectContaining({ id: 1, title: 'Toy Story (1995)' })],
        });
      }
      expect(await listTaggedMovies(current().db, 'no such tag', { offset: 0, limit: 10 })).toBeNull();
    });

    it('rebuilds the index when an import changes the data version', async () => {
      const { db } = current();
      expect(await titles('heat')).toEqual([]);
      await db.insertInto('movies').values({ id: 6, title: 'Heat (1995)', year: 1995, genres: ['Action'] }).execute();
      await db
        .insertInto('dataset_imports')
        .values({ source: 'test', data_version: 'v2', movies: 11, links: 3, ratings: 11, tags: 3, users: 4 })
        .execute();
      const minuteLater = Date.now() + 61_000;
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => minuteLater);
      try {
        expect(await titles('heat')).toEqual([]); // the old index, served while the check runs in the background
        for (let i = 0; i < 100 && (await titles('heat')).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
        expect(await titles('heat')).toEqual(['Heat (1995)']);
      } finally {
        clock.mockRestore();
      }
    });
  },
  async ({ db }) => seedTestMovies(db),
);
