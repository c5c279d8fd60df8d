import { movieLensTitleKeys, titleKey } from './title-key';
import type { ImportEntry } from './types';

/** The catalogue as matching needs it: loaded once per import (lib/data/profile-import.ts). */
export interface CatalogueMovie {
  id: number;
  title: string;
  year: number | null;
  imdbId: string | null;
  tmdbId: number | null;
  /** Shown to tell apart the candidates of an ambiguous title. */
  genres?: readonly string[];
}

export type Match =
  | { status: 'matched'; movieId: number; by: 'id' | 'title' }
  | { status: 'ambiguous'; candidates: number[] }
  | { status: 'missing' };

/** Letterboxd and MovieLens disagree by a year on some films (festival year against release year). */
export const YEAR_TOLERANCE = 1;

export interface CatalogueIndex {
  movies: Map<number, CatalogueMovie>;
  match(entry: ImportEntry): Match;
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/**
 * Builds the lookups once: ids (MovieLens movieId, IMDb number, TMDB id) and title keys. O(catalogue) to build,
 * O(1) per entry to match.
 */
export function indexCatalogue(catalogue: readonly CatalogueMovie[]): CatalogueIndex {
  const movies = new Map(catalogue.map((movie) => [movie.id, movie]));
  const byImdb = new Map<number, number>();
  const byTmdb = new Map<number, number>();
  const byKey = new Map<string, number[]>();
  const bySegment = new Map<string, number[]>();
  for (const movie of catalogue) {
    if (movie.imdbId && /^\d+$/.test(movie.imdbId)) byImdb.set(Number(movie.imdbId), movie.id);
    if (movie.tmdbId !== null) byTmdb.set(movie.tmdbId, movie.id);
    const { keys, segments } = movieLensTitleKeys(movie.title);
    for (const key of keys) push(byKey, key, movie.id);
    for (const key of segments) push(bySegment, key, movie.id);
  }

  function byTitle(entry: ImportEntry): Match {
    const key = titleKey(entry.title);
    for (const lookup of [byKey, bySegment]) {
      const found = [...new Set(lookup.get(key) ?? [])];
      const candidates =
        entry.year === null
          ? found
          : found.filter((id) => {
              const year = movies.get(id)!.year;
              return year !== null && Math.abs(year - entry.year!) <= YEAR_TOLERANCE;
            });
      if (candidates.length === 0) continue;
      // The film of the exact year wins over its neighbours ("Hamlet" 1996 is not "Hamlet" 1997's remake).
      const exact = candidates.filter((id) => movies.get(id)!.year === entry.year);
      if (exact.length === 1) return { status: 'matched', movieId: exact[0]!, by: 'title' };
      if (candidates.length === 1) return { status: 'matched', movieId: candidates[0]!, by: 'title' };
      return { status: 'ambiguous', candidates: candidates.sort((a, b) => a - b) };
    }
    return { status: 'missing' };
  }

  function match(entry: ImportEntry): Match {
    // The exact-id formats: the site's own id first, then IMDb's and TMDB's (a movieId from another MovieLens
    // release may have been merged or renumbered; the external ids survive).
    const byId =
      (entry.movieId !== undefined && movies.has(entry.movieId) ? entry.movieId : undefined) ??
      (entry.imdbId !== undefined ? byImdb.get(entry.imdbId) : undefined) ??
      (entry.tmdbId !== undefined ? byTmdb.get(entry.tmdbId) : undefined);
    if (byId !== undefined) return { status: 'matched', movieId: byId, by: 'id' };
    if (entry.movieId !== undefined || entry.imdbId !== undefined) return { status: 'missing' };
    return byTitle(entry);
  }

  return { movies, match };
}
