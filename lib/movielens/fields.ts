/**
 * Field checks shared by the file parsers: each returns the parsed value or throws a FieldError whose reason quotes
 * the offending text; the parsers add the file and line. (Throwing keeps the hot path free of result objects:
 * 100,000 ratings are four checks each.)
 */
import { isRatingValue, MAX_RATING, MIN_RATING } from '@/lib/rating-scale';
import { ExpectedError } from '@/lib/errors';

/** The largest value of PostgreSQL's integer columns. */
const MAX_INT = 2_147_483_647;
/** Site visitors get user ids from 1,000,000 (visitor_id_seq): MovieLens ids must stay below. */
export const FIRST_VISITOR_ID = 1_000_000;
/** 9999-12-31: later timestamps are typos, not dates. */
const MAX_TIMESTAMP = 253_402_300_799;

const DIGITS = /^\d+$/;

export class FieldError extends ExpectedError {}

export function checkId(name: string, text: string): number {
  if (!DIGITS.test(text))
    throw new FieldError(`${name} ${JSON.stringify(text)} is not a positive whole number`);
  const value = Number(text);
  if (value < 1 || value > MAX_INT) throw new FieldError(`${name} ${text} is out of range (1..${MAX_INT})`);
  return value;
}

export function checkUserId(text: string): number {
  const value = checkId('userId', text);
  if (value >= FIRST_VISITOR_ID) {
    throw new FieldError(
      `userId ${text} is too large: MovieLens user ids must be below 1000000 (site visitors start there)`,
    );
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

export function checkKnownMovie(
  movieIds: ReadonlySet<number>,
  movieId: number,
  moviesFile = 'movies.csv',
): number {
  if (!movieIds.has(movieId)) throw new FieldError(`movieId ${movieId} is not in ${moviesFile}`);
  return movieId;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Titles and tags are shown on pages and stored as text: a control character (tab, newline, NUL...) is refused. */
export function checkText(name: string, text: string): string {
  const match = CONTROL.exec(text);
  if (match) {
    const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new FieldError(`${name} ${JSON.stringify(text)} contains the control character U+${code}`);
  }
  return text;
}

/**
 * Duplicate (user, movie) ratings without a set per user. MovieLens files are sorted by user then movie, so a
 * repeated pair is the previous one: that is checked always, in constant memory. When the order breaks, only the
 * exhaustive mode (small in-memory data) keeps looking, with a set of pair keys; the import leaves the rest to the
 * ratings primary key, whose violation it maps back to the line (lib/import).
 */
export class DuplicateRatingCheck {
  private lastUser = 0;
  private lastMovie = 0;
  private sorted = true;
  private readonly seen: Set<number> | undefined;

  constructor(exhaustive: boolean) {
    this.seen = exhaustive ? new Set() : undefined;
  }

  check(userId: number, movieId: number): void {
    if (this.seen) {
      // userId < 2^20 and movieId < 2^31: the key is exact in a double.
      const key = userId * 2 ** 31 + movieId;
      if (this.seen.has(key)) throw new FieldError(`user ${userId} rated movie ${movieId} twice`);
      this.seen.add(key);
      return;
    }
    if (!this.sorted) return;
    if (userId === this.lastUser && movieId === this.lastMovie)
      throw new FieldError(`user ${userId} rated movie ${movieId} twice`);
    if (userId < this.lastUser || (userId === this.lastUser && movieId < this.lastMovie)) this.sorted = false;
    this.lastUser = userId;
    this.lastMovie = movieId;
  }
}
