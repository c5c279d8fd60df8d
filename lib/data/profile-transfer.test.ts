import { describeEachDatabase } from '@/db/test-db';
import { parseProfileFile } from '@/lib/profile-export/parse';
import { toSiteCsv, toSiteJson } from '@/lib/profile-export/write';
import type { RestoredProfile } from '@/lib/profile-export/format';
import { addMovieMarks, listMovieMarks } from './movie-marks';
import { loadProfileExport, previewRestore, restoreProfile } from './profile-transfer';
import { listUserRatings, upsertRating } from './ratings';
import { seedTestMovies } from './test-movies';
import { createVisitor } from './visitors';

const at = (iso: string) => new Date(iso);
const bytes = (text: string) => new TextEncoder().encode(text);

describeEachDatabase(
  'profile export and restore',
  (current) => {
    async function visitorWithProfile() {
      const { db } = current();
      const { id } = await createVisitor(db);
      await upsertRating(db, { userId: id, movieId: 2571, rating: 4.5 }); // database clock: microseconds
      await upsertRating(db, { userId: id, movieId: 1, rating: 3, ratedAt: at('2026-11-01T10:00:00.250Z') });
      await addMovieMarks(db, { userId: id, mark: 'watchlist', movieIds: [3114], markedAt: at('2026-11-02T10:00:00.001Z') });
      await addMovieMarks(db, { userId: id, mark: 'hidden', movieIds: [2] });
      await addMovieMarks(db, { userId: id, mark: 'unseen', movieIds: [4973] });
      return id;
    }

    async function snapshot(userId: number) {
      const { db } = current();
      const ms = (d: Date) => d.getTime();
      return {
        ratings: (await listUserRatings(db, userId)).map((r) => ({ ...r, ratedAt: ms(r.ratedAt) })),
        // Marks made in the same millisecond have no order a file could keep: compare them as a set.
        marks: (await listMovieMarks(db, userId))
          .map((m) => ({ ...m, markedAt: ms(m.markedAt) }))
          .sort((a, b) => a.mark.localeCompare(b.mark) || a.movieId - b.movieId),
      };
    }

    it.each([
      ['CSV', toSiteCsv],
      ['JSON', toSiteJson],
    ])('round-trips a profile exactly through %s into a fresh profile', async (_name, write) => {
      const { db } = current();
      const source = await visitorWithProfile();
      const file = write(await loadProfileExport(db, source));
      const { id: fresh } = await createVisitor(db);
      const parsed = parseProfileFile(bytes(file));
      expect(await previewRestore(db, null, parsed)).toEqual({
        ratings: { total: 2, new: 2, newer: 0, olderOrSame: 0 },
        marks: { watchlist: 1, hidden: 1, unseen: 1, new: 3 },
        unknownMovieIds: [],
      });
      await restoreProfile(db, fresh, parsed);
      expect(await snapshot(fresh)).toEqual(await snapshot(source));
      // The file exported from the restored profile is the same file (but for the time of the export).
      const withoutExportTime = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '');
      expect(withoutExportTime(write(await loadProfileExport(db, fresh)))).toEqual(withoutExportTime(file));
      // Restoring the same file again changes nothing, and says so.
      expect(await restoreProfile(db, fresh, parsed)).toMatchObject({
        ratings: { total: 2, new: 0, newer: 0, olderOrSame: 2 },
        marks: { new: 0 },
      });
      expect(await snapshot(fresh)).toEqual(await snapshot(source));
    });

    it('counts a profile restored into itself as the same ratings, though the database keeps microseconds', async () => {
      const { db } = current();
      const source = await visitorWithProfile();
      const before = await snapshot(source);
      const parsed = parseProfileFile(bytes(toSiteCsv(await loadProfileExport(db, source))));
      expect(await restoreProfile(db, source, parsed)).toMatchObject({
        ratings: { total: 2, new: 0, newer: 0, olderOrSame: 2 },
        marks: { new: 0 },
      });
      expect(await snapshot(source)).toEqual(before);
    });

    it('merges: keeps a newer rating here, replaces an older one, adds new ones and marks, skips unknown movies', async () => {
      const { db } = current();
      const { id } = await createVisitor(db);
      await upsertRating(db, { userId: id, movieId: 1, rating: 5, ratedAt: at('2026-12-01T00:00:00Z') }); // newer here
      await upsertRating(db, { userId: id, movieId: 2571, rating: 1, ratedAt: at('2026-10-01T00:00:00Z') }); // older here
      await addMovieMarks(db, { userId: id, mark: 'watchlist', movieIds: [6365], markedAt: at('2026-09-01T00:00:00Z') });
      const file: RestoredProfile = {
        format: 'json',
        ratings: [
          { movieId: 1, rating: 2, ratedAt: at('2026-11-01T00:00:00Z') },
          { movieId: 2571, rating: 4, ratedAt: at('2026-11-01T00:00:00Z') },
          { movieId: 6365, rating: 3.5, ratedAt: at('2026-11-02T00:00:00Z') }, // takes it off the watchlist here
          { movieId: 99999, rating: 3, ratedAt: at('2026-11-01T00:00:00Z') },
        ],
        marks: [
          { movieId: 1, mark: 'watchlist', markedAt: at('2026-11-03T00:00:00Z') }, // rated here: not put back
          { movieId: 2, mark: 'hidden', markedAt: at('2026-11-04T00:00:00Z') },
          { movieId: 88888, mark: 'unseen', markedAt: at('2026-11-04T00:00:00Z') },
        ],
      };
      const expected = {
        ratings: { total: 3, new: 1, newer: 1, olderOrSame: 1 },
        marks: { watchlist: 1, hidden: 1, unseen: 0, new: 1 },
        unknownMovieIds: [88888, 99999],
      };
      expect(await previewRestore(db, id, file)).toEqual(expected);
      expect(await listUserRatings(db, id)).toHaveLength(2); // the preview wrote nothing
      expect(await restoreProfile(db, id, file)).toEqual(expected);
      const ratings = await listUserRatings(db, id);
      expect(ratings.map((r) => [r.movieId, r.rating, r.ratedAt.toISOString()])).toEqual([
        [1, 5, '2026-12-01T00:00:00.000Z'],
        [6365, 3.5, '2026-11-02T00:00:00.000Z'],
        [2571, 4, '2026-11-01T00:00:00.000Z'],
      ]);
      expect((await listMovieMarks(db, id)).map((m) => [m.mark, m.movieId, m.markedAt.toISOString()])).toEqual([
        ['hidden', 2, '2026-11-04T00:00:00.000Z'],
      ]);
    });

    it('writes nothing when the restore fails part-way', async () => {
      const { db } = current();
      const { id } = await createVisitor(db);
      const file: RestoredProfile = {
        format: 'csv',
        ratings: [{ movieId: 1, rating: 4, ratedAt: at('2026-11-01T00:00:00Z') }],
        marks: [
          { movieId: 3114, mark: 'watchlist', markedAt: at('2026-11-01T00:00:00Z') },
          // Written after the ratings; the CHECK constraint refuses it (the parser never lets one through).
          { movieId: 2, mark: 'favourite' as 'hidden', markedAt: at('2026-11-01T00:00:00Z') },
        ],
      };
      await expect(restoreProfile(db, id, file)).rejects.toThrow(/check constraint/i);
      expect(await listUserRatings(db, id)).toEqual([]);
      expect(await listMovieMarks(db, id)).toEqual([]);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
