import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { addMovieMarks, listMovieMarks } from '@/lib/data/movie-marks';
import { loadProfileExport } from '@/lib/data/profile-transfer';
import { listUserRatings, upsertRating } from '@/lib/data/ratings';
import { findSharedRatings, listActiveShareCodes } from '@/lib/data/share-codes';
import { seedTestMovies } from '@/lib/data/test-movies';
import { createVisitor, type Visitor } from '@/lib/data/visitors';
import { toSiteCsv, toSiteJson } from '@/lib/profile-export/write';
import { predictedRatingsFor, recommendFor } from '@/lib/recsys/engine';
import { getVisitorId, signVisitorToken, VISITOR_COOKIE } from '@/lib/session';
import { planMovieNightAction } from './movie-night';
import { checkRestoreFile, restoreFromFile } from './restore';
import { createShareCodeAction, listShareableRatingsAction, revokeShareCodeAction } from './share-codes';
import { idleState } from './state';
import { cookieJar } from '@/lib/testing/next-headers';

process.env.SESSION_SECRET = 'test-secret-'.padEnd(64, 'x');
process.env.RATE_LIMIT_WRITES_PER_MINUTE = '0';
process.env.RATE_LIMIT_PROFILES_PER_HOUR = '0';

// The browser's cookie jar and the request's headers, as next/headers shows them to server code.
jest.mock('next/headers', () => jest.requireActual('@/lib/testing/next-headers'));
jest.mock('next/cache', () => ({ revalidatePath: jest.fn() }));
jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));
// The model cache is not started in unit tests: the engine answers with known figures (see beforeEach).
jest.mock('@/lib/recsys/engine', () => ({ recommendFor: jest.fn(), predictedRatingsFor: jest.fn() }));

function actAs(visitor: Visitor | null): void {
  cookieJar.clear();
  if (visitor)
    cookieJar.set(VISITOR_COOKIE, { value: signVisitorToken(visitor, process.env.SESSION_SECRET!) });
}

function fileForm(content: string | Uint8Array<ArrayBuffer>, name = 'profile.csv'): FormData {
  const data = new FormData();
  data.set('file', new File([content], name));
  return data;
}

describeEachDatabase(
  'restore, share code and movie night actions',
  (current) => {
    beforeEach(() => {
      jest.mocked(getDatabase).mockResolvedValue(current().connection);
      jest.mocked(recommendFor).mockResolvedValue({ items: [] } as never);
      // Each person's prediction: 4 for Toy Story 2, 3 for the Matrix Reloaded, 2 for anything else.
      jest
        .mocked(predictedRatingsFor)
        .mockImplementation(
          (_profile, ids) => new Map(ids.map((id) => [id, id === 3114 ? 4 : id === 6365 ? 3 : 2])),
        );
    });

    async function visitorWith(ratings: [number, number][], hidden: number[] = []): Promise<Visitor> {
      const { db } = current();
      const visitor = await createVisitor(db);
      for (const [movieId, rating] of ratings)
        await upsertRating(db, { userId: visitor.id, movieId, rating });
      await addMovieMarks(db, { userId: visitor.id, mark: 'hidden', movieIds: hidden });
      return visitor;
    }

    describe('restore', () => {
      it('previews, then restores an export into a browser with no profile, exactly', async () => {
        const { db } = current();
        const source = await visitorWith(
          [
            [1, 4],
            [2571, 3.5],
          ],
          [2],
        );
        const csv = toSiteCsv(await loadProfileExport(db, source.id));
        actAs(null);
        const checked = await checkRestoreFile(idleState, fileForm(csv));
        expect(checked).toMatchObject({
          status: 'idle',
          preview: { ratings: { total: 2, new: 2 }, marks: { hidden: 1, new: 1 }, unknownCount: 0 },
        });
        expect(await getVisitorId()).toBeNull(); // checking writes nothing, not even a profile
        const restored = await restoreFromFile(idleState, fileForm(csv));
        expect(restored).toMatchObject({ status: 'saved', message: 'Restored: 2 ratings and 1 mark saved.' });
        const fresh = (await getVisitorId())!;
        expect(await listUserRatings(db, fresh)).toEqual(await listUserRatings(db, source.id));
        expect(await listMovieMarks(db, fresh)).toEqual(await listMovieMarks(db, source.id));
        expect(await restoreFromFile(idleState, fileForm(csv))).toMatchObject({
          message: 'Nothing changed: this browser already had everything in the file.',
        });
      });

      it('counts and lists movies that are not in the catalogue', async () => {
        actAs(null);
        const json = JSON.stringify({
          format: 'movielens-recommender-profile',
          version: 1,
          ratings: [
            { movieId: 1, rating: 4, ratedAt: '2026-11-01T00:00:00.000Z' },
            { movieId: 424242, rating: 4, ratedAt: '2026-11-01T00:00:00.000Z' },
          ],
          watchlist: [{ movieId: 434343, markedAt: '2026-11-01T00:00:00.000Z' }],
        });
        expect(await checkRestoreFile(idleState, fileForm(json, 'p.json'))).toMatchObject({
          preview: { ratings: { total: 1 }, unknownMovieIds: [424242, 434343], unknownCount: 2 },
        });
      });

      it.each([
        [
          'a file of another site',
          'Const,Your Rating,Date Rated\ntt0114709,8,2020-01-01\n',
          /Nothing restored: This is not an export from this site/,
        ],
        [
          'a file that is not UTF-8',
          new Uint8Array([0x7b, 0xff, 0xfe]),
          /Nothing restored: The file is not UTF-8/,
        ],
        ['an empty form', '', /Nothing restored: (Choose a file|The file is empty)/],
      ])('refuses %s and saves nothing', async (_name, content, message) => {
        actAs(null);
        expect(await restoreFromFile(idleState, fileForm(content))).toMatchObject({
          status: 'error',
          message,
        });
        expect(await getVisitorId()).toBeNull();
      });
    });

    describe('share codes', () => {
      it('shares only the chosen ratings, lists the code, and revokes it for its owner only', async () => {
        const owner = await visitorWith(
          [
            [1, 5],
            [2571, 4],
            [2, 2],
            [3114, 4.5],
          ],
          [6365],
        );
        actAs(owner);
        const form = new FormData();
        form.set('days', '7');
        form.set('minRating', '4');
        form.append('leaveOut', '3114');
        const created = await createShareCodeAction(idleState, form);
        expect(created).toMatchObject({
          status: 'saved',
          message: expect.stringMatching(
            /^Share code [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4} created: 2 ratings, for 7 days\.$/,
          ),
        });
        const [active] = await listActiveShareCodes(current().db, owner.id);
        expect(await findSharedRatings(current().db, active!.code)).toEqual(
          expect.arrayContaining([
            { movieId: 1, rating: 5 },
            { movieId: 2571, rating: 4 },
          ]),
        );
        const revoke = new FormData();
        revoke.set('code', active!.code.toLowerCase());
        actAs(await visitorWith([[1, 1]]));
        expect(await revokeShareCodeAction(idleState, revoke)).toMatchObject({ status: 'error' });
        actAs(owner);
        expect(await revokeShareCodeAction(idleState, revoke)).toMatchObject({ status: 'saved' });
        expect(await findSharedRatings(current().db, active!.code)).toBeNull();
      });

      it("lists the visitor's own ratings to leave out, alphabetically, and nothing without a profile", async () => {
        actAs(
          await visitorWith([
            [1, 5],
            [2571, 4],
            [6365, 2.5],
          ]),
        );
        expect(await listShareableRatingsAction(idleState, new FormData())).toEqual([
          { movieId: 2571, label: 'The Matrix (1999)', stars: '4★' },
          { movieId: 6365, label: 'The Matrix Reloaded (2003)', stars: '2.5★' },
          { movieId: 1, label: 'Toy Story (1995)', stars: '5★' },
        ]);
        actAs(null);
        expect(await listShareableRatingsAction(idleState, new FormData())).toEqual([]);
      });

      it('refuses an expiry off the list, and an empty selection', async () => {
        actAs(await visitorWith([[1, 2]]));
        const form = new FormData();
        form.set('days', '365');
        expect(await createShareCodeAction(idleState, form)).toMatchObject({
          status: 'error',
          fieldErrors: { days: expect.anything() },
        });
        form.set('days', '1');
        form.set('minRating', '4');
        expect(await createShareCodeAction(idleState, form)).toMatchObject({
          status: 'error',
          message: /No ratings left to share/,
        });
      });
    });

    describe('movie night', () => {
      function nightForm(rows: Record<string, string | File>[]): FormData {
        const data = new FormData();
        rows.forEach((row, i) => {
          for (const [key, value] of Object.entries(row)) data.set(`${key}-${i}`, value);
        });
        return data;
      }

      it('gives every candidate each person’s prediction, leaving out what anyone rated or hid', async () => {
        const { db } = current();
        const me = await visitorWith(
          [
            [1, 5],
            [2, 4],
            [7, 3],
            [8, 3],
            [9, 2],
          ],
          [4973],
        );
        const friend = await visitorWith([[2571, 5]]);
        actAs(friend);
        const shared = new FormData();
        shared.set('days', '1');
        await createShareCodeAction(idleState, shared);
        const [code] = await listActiveShareCodes(db, friend.id);
        const exported = toSiteJson({
          exportedAt: new Date(),
          ratings: [],
          marks: [
            {
              movieId: 10,
              title: 'Untitled',
              year: null,
              imdbId: null,
              tmdbId: null,
              mark: 'hidden',
              markedAt: new Date(),
            },
          ],
        });
        actAs(me);
        const state = await planMovieNightAction(
          idleState,
          nightForm([
            { source: 'mine', name: 'Ann' },
            { source: 'code', name: 'Bob', code: code!.code },
            { source: 'file', name: 'Cy', file: new File([exported], 'cy.json') },
          ]),
        );
        expect(state.status).toBe('saved');
        expect(state.plan?.people).toEqual([
          { name: 'Ann', ratingCount: 5, estimated: false },
          { name: 'Bob', ratingCount: 1, estimated: true },
          { name: 'Cy', ratingCount: 0, estimated: true },
        ]);
        // Rated (1, 2, 7, 8, 9, 2571) or hidden (4973, 10): left out. Bob and Cy get the MovieLens mean.
        expect(state.plan?.movies.map((m) => [m.movieId, m.predictions])).toEqual(
          expect.arrayContaining([[3114, [4, 4, 4]]]),
        );
        expect(state.plan?.movies.map((m) => m.movieId).sort()).toEqual([3114]);
      });

      it.each([
        [[{ source: 'mine' }], /at least 2 people/],
        [Array.from({ length: 7 }, () => ({ source: 'code', code: 'ABCD-EFGH-JKMN' })), /at most 6 people/],
        [[{ source: 'mine' }, { source: 'mine' }], /Only one person/],
        [
          [{ source: 'mine' }, { source: 'code', code: 'ABCD-EFGH-JKMN' }],
          /^Person 2: This share code does not work/,
        ],
        [[{ source: 'mine' }, { source: 'code', code: 'nope' }], /^Person 2: A share code has 12 letters/],
        [
          [{ source: 'mine' }, { source: 'file', file: new File(['x,y\n'], 'x.csv') }],
          /^Person 2: This is not an export from this site/,
        ],
      ])('refuses a group it cannot plan (%#)', async (rows, message) => {
        actAs(await visitorWith([[1, 5]]));
        expect(
          await planMovieNightAction(idleState, nightForm(rows as Record<string, string>[])),
        ).toMatchObject({
          status: 'error',
          message,
        });
      });

      it('says so when the browser has no profile to bring', async () => {
        actAs(null);
        const rows: Record<string, string>[] = [
          { source: 'mine' },
          { source: 'code', code: 'ABCD-EFGH-JKMN' },
        ];
        const state = await planMovieNightAction(idleState, nightForm(rows));
        expect(state).toMatchObject({ status: 'error', personErrors: { 0: /no ratings yet/ } });
      });
    });
  },
  async ({ db }) => seedTestMovies(db),
);
