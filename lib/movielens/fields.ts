/**
 * Field checks shared by the file parsers: each returns the parsed value or throws a FieldError whose reason quotes
 * the offending text; the parsers add the file and line. (Throwing keeps the hot path free of result objects:
 * 100,000 ratings are four checks each.)
 */
import { isRatingValue, MAX_RATING, MIN_RATING } from '@/lib/rating-scale';

/** The largest value of PostgreSQL's integer columns. */
const MAX_INT = 2_147_483_647;
/** Site visitors get user ids from 1,000,000 (visitor_id_seq): MovieLens ids must stay below. */
export const FIRST_VISITOR_ID = 1_000_000;
/** 9999-12-31: later timestamps are typos, not dates. */
const MAX_TIMESTAMP = 253_402_300_799;

const DIGITS = /^\d+$/;

export class FieldError extends Error {}

export function checkId(name: string, text: string): number {
  if (!DIGITS.test(text)) throw new FieldError(`${name} ${JSON.stringify(text)} is not a positive whole number`);
  const value = Number(text);
  if (value < 1 || value > MAX_INT) throw new FieldError(`${name} ${text} is out of range (1..${MAX_INT})`);
  return value;
}

export function checkUserId(text: string): number {
  const value = checkId('userId', text);
  if (value >= FIRST_VISITOR_ID) {
    throw new FieldError(`userId ${text} is too large: MovieLens user ids must be below 1000000 (site visitors start there)`);
  }
  return value;
}

export function checkRating(text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new FieldError(`rating ${JSON.stringify(text)} is not a number`);
  if (!isRatingValue(value)) {
    throw new FieldError(`rating ${text} is not between ${MIN_RATING} and ${MAX_RATING} in half steps`);
  }
  return value;
}

export function checkTimestamp(text: string): number {
  if (!DIGITS.test(text) || Number(text) > MAX_TIMESTAMP) {
    throw new FieldError(`timestamp ${JSON.stringify(text)} is not a whole number of seconds since 1970`);
  }
  return Number(text);
}

export function checkKnownMovie(movieIds: ReadonlySet<number>, movieId: number): number {
  if (!movieIds.has(movieId)) throw new FieldError(`movieId ${movieId} is not in movies.csv`);
  return movieId;
}
