import type { Kysely } from 'kysely';
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

/** Delete a visitor and, by cascade, their ratings and hidden movies. */
export async function deleteVisitor(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).where('kind', '=', 'visitor').execute();
}
