import { revalidatePath } from 'next/cache';
import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listUserRatings } from '@/lib/data/ratings';
import { seedTestMovies } from '@/lib/data/test-movies';
import { MAX_IMPORT_BYTES } from '@/lib/profile-import/errors';
import { getVisitorId, VISITOR_COOKIE } from '@/lib/session';
import { cookieJar } from '@/lib/testing/next-headers';

process.env.SESSION_SECRET = 'test-secret-'.padEnd(64, 'x');
process.env.RATE_LIMIT_WRITES_PER_MINUTE = '0'; // limits have their own test (write-limits.test.ts)
process.env.RATE_LIMIT_PROFILES_PER_HOUR = '0';

// The browser's cookie jar and the request's headers, as next/headers shows them to server code.
jest.mock('next/headers', () => jest.requireActual('@/lib/testing/next-headers'));
jest.mock('next/cache', () => ({ revalidatePath: jest.fn() }));
jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));

// Imported after the mocks so the route sees them.
import { POST } from './route';

const LETTERBOXD = [
  'Date,Name,Year,Letterboxd URI,Rating',
  '2023-01-01,The Matrix,1999,https://boxd.it/a,4.5',
  '2023-01-02,Amelie,2002,https://boxd.it/b,5',
  '2023-01-03,Toy Story,,https://boxd.it/c,4', // no year: "Toy Story" alone
  '2023-01-04,Oppenheimer,2023,https://boxd.it/d,4',
].join('\n');

function multipart(
  text: string | Uint8Array<ArrayBuffer>,
  fields: Record<string, string> = {},
  name = 'ratings.csv',
) {
  const form = new FormData();
  form.set('file', new File([text], name, { type: 'text/csv' }));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return POST(new Request('http://test/api/profile/import', { method: 'POST', body: form }));
}

function raw(body: string | Uint8Array<ArrayBuffer>, query = '') {
  return POST(
    new Request(`http://test/api/profile/import${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    }),
  );
}

describeEachDatabase(
  'POST /api/profile/import',
  (current) => {
    beforeEach(() => {
      cookieJar.clear();
      jest.mocked(getDatabase).mockResolvedValue(current().connection);
      jest.mocked(revalidatePath).mockClear();
    });

    it('reports without saving by default, and creates no profile', async () => {
      const response = await multipart(LETTERBOXD);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.saved).toBe(false);
      expect(body.report.counts).toMatchObject({ ratings: { new: 3 }, missing: 1 });
      expect(body.report.ratings.map((row: { title: string }) => row.title)).toEqual([
        'The Matrix',
        "Amélie (Fabuleux destin d'Amélie Poulain, Le)", // the MovieLens title, as the site shows it
        'Toy Story',
      ]);
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
    });

    it('saves with confirm=1, sets the visitor cookie, and a second import reports 0 new', async () => {
      const saved = await (await multipart(LETTERBOXD, { confirm: '1' })).json();
      expect(saved).toMatchObject({ saved: true, report: { counts: { ratings: { new: 3 } } } });
      const userId = await getVisitorId();
      expect(userId).not.toBeNull();
      expect((await listUserRatings(current().db, userId!)).map((r) => r.movieId).sort()).toEqual([
        1, 2571, 4973,
      ]);
      expect(revalidatePath).toHaveBeenCalledWith('/recommendations');
      const again = await (await raw(LETTERBOXD, '?confirm=1&name=ratings.csv')).json();
      expect(again.report.counts.ratings).toEqual({ new: 0, unchanged: 3, replaces: 0, kept: 0 });
    });

    it('refuses a form posted from another site (the visitor cookie would be replaced) and saves nothing', async () => {
      const response = await POST(
        new Request('http://test/api/profile/import?confirm=1', {
          method: 'POST',
          headers: {
            'content-type': 'text/plain',
            'sec-fetch-site': 'cross-site',
            origin: 'https://evil.example',
          },
          body: LETTERBOXD,
        }),
      );
      expect(response.status).toBe(403);
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
    });

    it('takes the file as a raw body with dryRun=0 and choices for ambiguous rows', async () => {
      const upload = 'Date,Name,Year,Letterboxd URI\n2024-01-01,Toy Story,,x\n2024-01-01,Toy Story 2,,y\n';
      // "Toy Story" without a year is one film here; a choice for a row that is not ambiguous changes nothing.
      const body = await (
        await raw(upload, `?dryRun=0&name=watchlist.csv&choices=${encodeURIComponent('{"x":1}')}`)
      ).json();
      expect(body).toMatchObject({ saved: true, report: { counts: { watchlist: { new: 2 } } } });
      expect((await listMarkedMovieIds(current().db, (await getVisitorId())!, 'watchlist')).sort()).toEqual([
        1, 3114,
      ]);
    });

    it.each([
      ['an unknown header', 'a,b\n1,2\n', 400, 'unknown-format'],
      ['an empty file', '', 400, 'empty'],
      ['a bad row', 'Date,Name,Year,Letterboxd URI,Rating\n2023-01-01,Up,2009,x,9\n', 400, 'bad-row'],
    ])('refuses %s with one message and saves nothing', async (_name, text, status, reason) => {
      const response = await multipart(text, { confirm: '1' });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: expect.any(String), reason });
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
    });

    it('refuses a file that is not UTF-8', async () => {
      const response = await multipart(new Uint8Array([0x61, 0x0a, 0xff, 0xfe]), { confirm: '1' });
      expect(await response.json()).toMatchObject({
        reason: 'not-utf8',
        error: expect.stringContaining('not UTF-8'),
      });
    });

    it('refuses more than 5 MB, whatever Content-Length says', async () => {
      const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
      const response = await raw(big, '?confirm=1');
      expect(response.status).toBe(413);
      expect((await response.json()).error).toMatch('limited to 5 MB');
      expect((await multipart(big)).status).toBe(413);
    });

    it('refuses malformed options and a form without a file', async () => {
      expect((await multipart(LETTERBOXD, { confirm: 'yes' })).status).toBe(400);
      expect((await multipart(LETTERBOXD, { choices: '{"a":"b"}' })).status).toBe(400);
      const form = new FormData();
      form.set('text', 'no file');
      const response = await POST(
        new Request('http://test/api/profile/import', { method: 'POST', body: form }),
      );
      expect(await response.json()).toEqual({ error: 'Attach the export file as the form field "file".' });
    });
  },
  async ({ db }) => seedTestMovies(db),
);
