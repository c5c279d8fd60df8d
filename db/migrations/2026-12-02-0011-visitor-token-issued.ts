import type { Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * When the visitor's newest cookie was issued (lib/session.ts reissues it at most daily on a write): a profile whose
 * newest token is older than the token lifetime can be named by no cookie. Ratings' own dates cannot say so: an
 * imported rating keeps the date it was given elsewhere, years ago. NULL for profiles from before this column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('token_issued_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('token_issued_at').execute();
}
