import { displayTitle } from '@/lib/display';
import {
  CSV_HEADER,
  EXPORT_MARKS,
  FORMAT_VERSION,
  JSON_FORMAT,
  type ExportedMovie,
  type ProfileExport,
} from './format';

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(fields: (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** This site's CSV (format.ts): ratings first, then marks, in the order given. */
export function toSiteCsv(profile: ProfileExport): string {
  const rows = [
    ...profile.ratings.map((r) =>
      csvLine(['rating', r.movieId, r.imdbId, r.tmdbId, r.title, r.rating, r.ratedAt.toISOString(), null]),
    ),
    ...profile.marks.map((m) =>
      csvLine([m.mark, m.movieId, m.imdbId, m.tmdbId, m.title, null, null, m.markedAt.toISOString()]),
    ),
  ];
  return `${CSV_HEADER}\r\n${rows.join('')}`;
}

function movieJson({ movieId, imdbId, tmdbId, title }: ExportedMovie) {
  return { movieId, imdbId, tmdbId, title };
}

/** This site's JSON (format.ts). */
export function toSiteJson(profile: ProfileExport): string {
  const body: Record<string, unknown> = {
    format: JSON_FORMAT,
    version: FORMAT_VERSION,
    exportedAt: profile.exportedAt.toISOString(),
    ratings: profile.ratings.map((r) => ({
      ...movieJson(r),
      rating: r.rating,
      ratedAt: r.ratedAt.toISOString(),
    })),
  };
  for (const mark of EXPORT_MARKS) {
    body[mark] = profile.marks
      .filter((m) => m.mark === mark)
      .map((m) => ({ ...movieJson(m), markedAt: m.markedAt.toISOString() }));
  }
  return `${JSON.stringify(body, null, 2)}\n`;
}

export const LETTERBOXD_HEADER = 'Title,Year,Rating,WatchedDate,imdbID,tmdbID';

/**
 * Letterboxd's import format (letterboxd.com/about/importing-data: Title, Year, Rating on 0.5–5, WatchedDate as
 * YYYY-MM-DD, imdbID, tmdbID; it matches by the ids first). Ratings only: Letterboxd imports a watchlist as a
 * separate list. WatchedDate is the day of the rating here, the closest thing this site knows; it makes Letterboxd
 * log a diary entry on that day. Titles read with the article in front ("The Matrix"), as Letterboxd spells them.
 */
export function toLetterboxdCsv(profile: ProfileExport): string {
  const rows = profile.ratings.map((r) =>
    csvLine([
      displayTitle(r.title),
      r.year,
      r.rating,
      r.ratedAt.toISOString().slice(0, 10),
      r.imdbId === null ? null : `tt${r.imdbId}`,
      r.tmdbId,
    ]),
  );
  return `${LETTERBOXD_HEADER}\r\n${rows.join('')}`;
}
