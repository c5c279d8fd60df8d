import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import type { RatedMovie } from '@/lib/recsys/types';

/**
 * Share codes: 12 characters of Crockford's base32 (60 random bits: guessing one among a million live codes takes
 * ~10^12 tries) naming a frozen snapshot of ratings. A code found here reveals only the movie ids and ratings
 * its owner chose; expired and revoked codes are never returned.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHARE_CODE_LENGTH = 12;
export const SHARE_CODE_DAYS = [1, 7, 30] as const;
/** So that one visitor cannot fill the table: revoke or let some expire first. */
export const MAX_ACTIVE_SHARE_CODES = 10;

export function generateShareCode(): string {
  const bytes = crypto.randomBytes(SHARE_CODE_LENGTH);
  return Array.from(bytes, (byte) => ALPHABET[byte & 31]).join('');
}

/** "abcd-efgh-jkmn", "ABCD EFGH JKMN" → "ABCDEFGHJKMN" (Crockford: O reads as 0, I and L as 1); null if malformed. */
export function normalizeShareCode(text: string): string | null {
  const code = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return code.length === SHARE_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** "ABCDEFGHJKMN" → "ABCD-EFGH-JKMN": easier to read out and type. */
export function formatShareCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export interface ShareCodeInfo {
  code: string;
  ratingCount: number;
  createdAt: Date;
  expiresAt: Date;
}

/** Stores a snapshot of `ratings` under a fresh code, valid for `days` days. */
export async function createShareCode(
  db: Kysely<DB>,
  input: { ownerId: number; ratings: readonly RatedMovie[]; days: number },
): Promise<ShareCodeInfo> {
  const snapshot = input.ratings.map(({ movieId, rating }) => ({ movieId, rating }));
  // A dead code keeps nothing: its snapshot goes when the owner makes a new one (and at once when revoked).
  await db
    .deleteFrom('share_codes')
    .where('owner_id', '=', input.ownerId)
    .where((eb) => eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('revoked_at', 'is not', null)]))
    .execute();
  const row = await db
    .insertInto('share_codes')
    .values({
      code: generateShareCode(),
      owner_id: input.ownerId,
      ratings: JSON.stringify(snapshot),
      rating_count: snapshot.length,
      expires_at: sql<Date>`now() + make_interval(days => ${input.days})`,
    })
    .returning(['code', 'rating_count', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  return toInfo(row);
}

function toInfo(row: { code: string; rating_count: number; created_at: Date; expires_at: Date }): ShareCodeInfo {
  return { code: row.code, ratingCount: row.rating_count, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** The owner's codes that still work, newest first. */
export async function listActiveShareCodes(db: Kysely<DB>, ownerId: number): Promise<ShareCodeInfo[]> {
  const rows = await db
    .selectFrom('share_codes')
    .select(['code', 'rating_count', 'created_at', 'expires_at'])
    .where('owner_id', '=', ownerId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .orderBy('code')
    .execute();
  return rows.map(toInfo);
}

/**
 * Revokes one of the owner's codes: the row and its snapshot are deleted, so the code stops working and the shared
 * ratings are gone. False when it is not theirs, unknown, or already dead.
 */
export async function revokeShareCode(db: Kysely<DB>, input: { ownerId: number; code: string }): Promise<boolean> {
  const result = await db
    .deleteFrom('share_codes')
    .where('code', '=', input.code)
    .where('owner_id', '=', input.ownerId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The shared ratings behind a live code; null for an unknown, expired or revoked code. */
export async function findSharedRatings(db: Kysely<DB>, code: string): Promise<RatedMovie[] | null> {
  const row = await db
    .selectFrom('share_codes')
    .select('ratings')
    .where('code', '=', code)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  const ratings = typeof row.ratings === 'string' ? (JSON.parse(row.ratings) as unknown) : row.ratings;
  return (ratings as RatedMovie[]).map(({ movieId, rating }) => ({ movieId: Number(movieId), rating: Number(rating) }));
}
