import { sql } from 'kysely';
import { describeEachDatabase } from '@/db/test-db';
import {
  createShareCode,
  findSharedRatings,
  formatShareCode,
  generateShareCode,
  listActiveShareCodes,
  normalizeShareCode,
  revokeShareCode,
  SHARE_CODE_LENGTH,
} from './share-codes';
import { seedTestMovies } from './test-movies';
import { createVisitor, deleteVisitor } from './visitors';

describe('share code text', () => {
  it('generates distinct 12-character base32 codes', () => {
    const codes = new Set(Array.from({ length: 500 }, generateShareCode));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('reads a code typed loosely and refuses anything else', () => {
    const code = generateShareCode();
    expect(normalizeShareCode(formatShareCode(code).toLowerCase())).toBe(code);
    expect(normalizeShareCode(' abcd efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(normalizeShareCode('OOOO-IIII-LLLL')).toBe('000011111111');
    expect(normalizeShareCode('ABCD-EFGH-JKM')).toBeNull();
    expect(normalizeShareCode('ABCD-EFGH-JKMU')).toBeNull(); // U is not in Crockford's alphabet
    expect(formatShareCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(SHARE_CODE_LENGTH).toBe(12);
  });
});

describeEachDatabase(
  'share codes',
  (current) => {
    it('stores a snapshot of movie ids and ratings, and lists the code for its owner only', async () => {
      const { db } = current();
      const owner = await createVisitor(db);
      const other = await createVisitor(db);
      const shared = await createShareCode(db, {
        ownerId: owner.id,
        ratings: [
          { movieId: 1, rating: 4.5 },
          { movieId: 2571, rating: 2 },
        ],
        days: 7,
      });
      expect(shared.ratingCount).toBe(2);
      const days = (shared.expiresAt.getTime() - shared.createdAt.getTime()) / 86_400_000;
      expect(days).toBeCloseTo(7, 5);
      expect(await findSharedRatings(db, shared.code)).toEqual([
        { movieId: 1, rating: 4.5 },
        { movieId: 2571, rating: 2 },
      ]);
      expect((await listActiveShareCodes(db, owner.id)).map((c) => c.code)).toEqual([shared.code]);
      expect(await listActiveShareCodes(db, other.id)).toEqual([]);
    });

    it('stops a revoked code; only its owner can revoke it', async () => {
      const { db } = current();
      const owner = await createVisitor(db);
      const other = await createVisitor(db);
      const { code } = await createShareCode(db, { ownerId: owner.id, ratings: [{ movieId: 1, rating: 3 }], days: 1 });
      expect(await revokeShareCode(db, { ownerId: other.id, code })).toBe(false);
      expect(await findSharedRatings(db, code)).not.toBeNull();
      expect(await revokeShareCode(db, { ownerId: owner.id, code })).toBe(true);
      expect(await revokeShareCode(db, { ownerId: owner.id, code })).toBe(false);
      expect(await findSharedRatings(db, code)).toBeNull();
      expect(await listActiveShareCodes(db, owner.id)).toEqual([]);
      // The snapshot is gone with it, not kept behind a flag.
      expect(await db.selectFrom('share_codes').select('code').where('owner_id', '=', owner.id).execute()).toEqual([]);
    });

    it('stops an expired code and forgets codes with their owner', async () => {
      const { db } = current();
      const owner = await createVisitor(db);
      const expiring = await createShareCode(db, { ownerId: owner.id, ratings: [{ movieId: 2, rating: 1 }], days: 1 });
      const kept = await createShareCode(db, { ownerId: owner.id, ratings: [{ movieId: 2, rating: 1 }], days: 30 });
      await db
        .updateTable('share_codes')
        .set({ expires_at: sql<Date>`now() - interval '1 second'` })
        .where('code', '=', expiring.code)
        .execute();
      expect(await findSharedRatings(db, expiring.code)).toBeNull();
      expect((await listActiveShareCodes(db, owner.id)).map((c) => c.code)).toEqual([kept.code]);
      await deleteVisitor(db, owner.id);
      expect(await findSharedRatings(db, kept.code)).toBeNull();
    });

    it('finds nothing for a code that was never issued', async () => {
      expect(await findSharedRatings(current().db, generateShareCode())).toBeNull();
    });
  },
  async ({ db }) => seedTestMovies(db),
);
