import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { addMovieMarks } from '@/lib/data/movie-marks';
import { upsertRating } from '@/lib/data/ratings';
import { seedTestMovies } from '@/lib/data/test-movies';
import { createVisitor } from '@/lib/data/visitors';
import { parseProfileFile } from '@/lib/profile-export/parse';
import { getVisitorId } from '@/lib/session';
import { GET } from './route';

jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));
jest.mock('@/lib/session', () => ({ getVisitorId: jest.fn() }));

async function download(query: string) {
  const response = await GET(new Request(`http://localhost/profile/export${query}`));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describeEachDatabase(
  'GET /profile/export',
  (current) => {
    let visitorId: number;
    beforeAll(async () => {
      const { db } = current();
      visitorId = (await createVisitor(db)).id;
      await upsertRating(db, {
        userId: visitorId,
        movieId: 2571,
        rating: 4.5,
        ratedAt: new Date('2026-11-20T18:30:00.5Z'),
      });
      await addMovieMarks(db, {
        userId: visitorId,
        mark: 'watchlist',
        movieIds: [1],
        markedAt: new Date('2026-11-21T08:00:00Z'),
      });
    });
    beforeEach(() => {
      jest.mocked(getDatabase).mockResolvedValue(current().connection);
      jest.mocked(getVisitorId).mockResolvedValue(visitorId);
    });

    it('sends this site’s CSV as a dated attachment that is never cached, and it restores', async () => {
      const { status, headers, text } = await download('?format=csv');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(headers.get('content-disposition')).toMatch(
        /^attachment; filename="movielens-profile-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(headers.get('cache-control')).toBe('private, no-store');
      expect(parseProfileFile(new TextEncoder().encode(text))).toMatchObject({
        ratings: [{ movieId: 2571, rating: 4.5, ratedAt: new Date('2026-11-20T18:30:00.5Z') }],
        marks: [{ movieId: 1, mark: 'watchlist', markedAt: new Date('2026-11-21T08:00:00Z') }],
      });
    });

    it('sends JSON', async () => {
      const { headers, text } = await download('?format=json');
      expect(headers.get('content-disposition')).toMatch(/filename="movielens-profile-[\d-]+\.json"/);
      expect(JSON.parse(text)).toMatchObject({
        format: 'movielens-recommender-profile',
        ratings: [{ movieId: 2571 }],
      });
    });

    it('sends Letterboxd’s import CSV with ratings only', async () => {
      const { headers, text } = await download('?format=letterboxd');
      expect(headers.get('content-disposition')).toMatch(/filename="letterboxd-import-[\d-]+\.csv"/);
      expect(text).toBe(
        'Title,Year,Rating,WatchedDate,imdbID,tmdbID\r\nThe Matrix,1999,4.5,2026-11-20,tt0133093,603\r\n',
      );
    });

    it('sends a file with no rows to a browser without a profile', async () => {
      jest.mocked(getVisitorId).mockResolvedValue(null);
      const { status, text } = await download('?format=csv');
      expect(status).toBe(200);
      expect(text).toBe('kind,movieId,imdbId,tmdbId,title,rating,ratedAt,markedAt\r\n');
    });

    it('refuses an unknown format', async () => {
      const { status, text } = await download('?format=xlsx');
      expect(status).toBe(400);
      expect(text).toMatch(/format must be one of csv, json, letterboxd/);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
