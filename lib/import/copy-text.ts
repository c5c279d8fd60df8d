import type { LinkRow, MovieRow, RatingRow, TagRow } from '@/lib/movielens';

/**
 * Rows rendered in PostgreSQL's COPY text format (tab-separated, \N for NULL, backslash escapes), the fastest way
 * into both PGlite and PostgreSQL. Column order matches the COPY statements in ./load.ts.
 */

const SPECIAL = /[\\\t\n\r]/;

/** Escapes a value for COPY text format; most values have nothing to escape and are returned as they are. */
export function copyValue(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A text[] literal ({"Action","Comedy"}) escaped for COPY. */
export function copyTextArray(values: readonly string[]): string {
  const literal = `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return copyValue(literal);
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let cachedDay = NaN;
let cachedDate = '';

/**
 * Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`: the date through Date once per day seen in a row, the time by
 * arithmetic (a Date and toISOString per rating were a fifth of the import's CPU at 32M ratings).
 */
export function copyTimestamp(seconds: number): string {
  const day = Math.floor(seconds / 86400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  let rest = seconds - day * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return `${cachedDate}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[rest - minutes * 60]}Z`;
}

function nullable(value: string | number | null): string {
  return value === null ? '\\N' : String(value);
}

export function moviesCopyText(movies: readonly MovieRow[]): string {
  let text = '';
  for (const movie of movies) {
    text += `${movie.movieId}\t${copyValue(movie.title)}\t${nullable(movie.year)}\t${copyTextArray(movie.genres)}\n`;
  }
  return text;
}

export function linksCopyText(links: readonly LinkRow[]): string {
  let text = '';
  for (const link of links) text += `${link.movieId}\t${nullable(link.imdbId)}\t${nullable(link.tmdbId)}\n`;
  return text;
}

export function usersCopyText(userIds: readonly number[]): string {
  let text = '';
  for (const id of userIds) text += `${id}\tmovielens\n`;
  return text;
}

export function ratingsCopyText(ratings: readonly RatingRow[]): string {
  // Array join beats repeated concatenation for 100,000 rows (no rope flattening at the end).
  const lines = new Array<string>(ratings.length + 1);
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i]!;
    lines[i] = `${r.userId}\t${r.movieId}\t${r.rating}\t${copyTimestamp(r.timestamp)}`;
  }
  lines[ratings.length] = '';
  return lines.join('\n');
}

export function tagsCopyText(tags: readonly TagRow[]): string {
  let text = '';
  for (const tag of tags)
    text += `${tag.userId}\t${tag.movieId}\t${copyValue(tag.tag)}\t${copyTimestamp(tag.timestamp)}\n`;
  return text;
}
