import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/** An anonymous site visitor: a users row of kind 'visitor'. */
export interface Visitor {
  id: number;
  createdAt: Date;
}

/** Create a visitor profile; its id comes from visitor_id_seq (>= 1,000,000, never reused). */
export async function createVisitor(db: Kysely<DB>): Promise<Visitor> {
  const row = await db
    .insertInto('users')
    .values({ kind: 'visitor' })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: row.created_at };
}

/**
 * The visitor profile of a browser claim, created by the first of concurrent calls (the unique claim decides; the
 * others get the same row). A claim older than `maxAgeMs` is not reused: the profile is then created without it.
 */
export async function createVisitorForClaim(db: Kysely<DB>, claim: string, maxAgeMs: number): Promise<Visitor> {
  const inserted = await db
    .insertInto('users')
    .values({ kind: 'visitor', claim })
    .onConflict((conflict) => conflict.column('claim').doNothing())
    .returning(['id', 'created_at'])
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, createdAt: inserted.created_at };
  const existing = await db
    .selectFrom('users')
    .select(['id', 'created_at'])
    .where('claim', '=', claim)
    .where('kind', '=', 'visitor')
    .executeTakeFirst();
  if (existing && Date.now() - existing.created_at.getTime() < maxAgeMs) return { id: existing.id, createdAt: existing.created_at };
  return createVisitor(db);
}

/** A visitor by id; null for unknown ids and for MovieLens users (a cookie never names one of those). */
export async function findVisitor(db: Kysely<DB>, id: number): Promise<Visitor | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'created_at'])
    .where('id', '=', id)
    .where('kind', '=', 'visitor')
    .executeTakeFirst();
  return row ? { id: row.id, createdAt: row.created_at } : null;
}

/** Notes that a cookie naming this visitor was issued at `at` (what deleteExpiredVisitors goes by). */
export async function recordTokenIssued(db: Kysely<DB>, id: number, at: Date): Promise<void> {
  // The newest issue wins even when two rotations race (the later-issued token is the one that expires last).
  await db
    .updateTable('users')
    .set({ token_issued_at: sql<Date>`greatest(token_issued_at, ${at}::timestamptz)` })
    .where('id', '=', id)
    .where('kind', '=', 'visitor')
    .execute();
}

/** Delete a visitor and, by cascade, their ratings and movie marks. */
export async function deleteVisitor(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).where('kind', '=', 'visitor').execute();
}

/**
 * Deletes visitor profiles nobody can use any more: empty ones (no rating, no mark on a movie) created more than
 * `emptyAfterMs` ago, and abandoned ones whose newest cookie was issued more than `inactiveAfterMs` ago (when that is
 * the visitor token's lifetime, no valid cookie can name them). For profiles from before the issue time was kept, a
 * rating or mark written since stands for it. Their ratings and marks go by cascade. Returns how many.
 */
export async function deleteExpiredVisitors(
  db: Kysely<DB>,
  { emptyAfterMs, inactiveAfterMs, now = new Date() }: { emptyAfterMs: number; inactiveAfterMs: number; now?: Date },
): Promise<number> {
  const emptyCutoff = new Date(now.getTime() - emptyAfterMs);
  const inactiveCutoff = new Date(now.getTime() - inactiveAfterMs);
  const result = await db
    .deleteFrom('users')
    .where('kind', '=', 'visitor')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('created_at', '<', emptyCutoff),
          eb.not(eb.exists(eb.selectFrom('ratings').select('user_id').whereRef('ratings.user_id', '=', 'users.id'))),
          eb.not(eb.exists(eb.selectFrom('movie_marks').select('user_id').whereRef('movie_marks.user_id', '=', 'users.id'))),
        ]),
        eb.and([eb('created_at', '<', inactiveCutoff), eb('token_issued_at', '<', inactiveCutoff)]),
        eb.and([
          eb('created_at', '<', inactiveCutoff),
          eb('token_issued_at', 'is', null),
          eb.not(
            eb.exists(
              eb.selectFrom('ratings').select('user_id').whereRef('ratings.user_id', '=', 'users.id').where('rated_at', '>=', inactiveCutoff),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('movie_marks')
                .select('user_id')
                .whereRef('movie_marks.user_id', '=', 'users.id')
                .where('marked_at', '>=', inactiveCutoff),
            ),
          ),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
