import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { displayTitle } from '@/lib/display';
import { getTitleIndex, type TitleEntry } from './movie-stats';
import { listMoviesByIds, type MovieSummary } from './movies';
import { listUserRatings } from './ratings';

export const RATED_PAGE_SIZE = 50;

export interface RatedMoviesPage {
  /** How many movies the visitor rated in all. */
  total: number;
  /** 1-based, clamped to the pages there are (1 when there are none). */
  page: number;
  pageCount: number;
  items: { movie: MovieSummary; rating: number }[];
}

/** Each movie's place in alphabetical order of display titles ("The Matrix" under T), per title index. */
const alphabeticalRanks = new WeakMap<TitleEntry[], Map<number, number>>();

function alphabeticalRank(titles: TitleEntry[]): Map<number, number> {
  let ranks = alphabeticalRanks.get(titles);
  if (!ranks) {
    const sorted = titles
      .map((entry) => ({ id: entry.id, name: displayTitle(entry.title) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    ranks = new Map(sorted.map((entry, index) => [entry.id, index]));
    alphabeticalRanks.set(titles, ranks);
  }
  return ranks;
}

/**
 * One page of a visitor's rated movies in alphabetical order (so a row stays where it is while its rating is
 * edited). Only the page's movies are looked up and rendered: a visitor who rated the whole catalogue costs their
 * ratings (held in memory while unchanged, see listUserRatings) sorted by a rank computed once per title index,
 * not 10k summaries.
 */
export async function listRatedMoviesPage(
  db: Kysely<DB>,
  userId: number,
  { page, pageSize = RATED_PAGE_SIZE }: { page: number; pageSize?: number },
): Promise<RatedMoviesPage> {
  const [ratings, titles] = await Promise.all([listUserRatings(db, userId), getTitleIndex(db)]);
  const ranks = alphabeticalRank(titles);
  const last = ranks.size;
  const rows = [...ratings].sort(
    (a, b) => (ranks.get(a.movieId) ?? last) - (ranks.get(b.movieId) ?? last) || a.movieId - b.movieId,
  );
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const slice = rows.slice((current - 1) * pageSize, current * pageSize);
  const movies = await listMoviesByIds(
    db,
    slice.map((row) => row.movieId),
  );
  const ratingOf = new Map(slice.map((row) => [row.movieId, row.rating]));
  return {
    total: rows.length,
    page: current,
    pageCount,
    items: movies.map((movie) => ({ movie, rating: ratingOf.get(movie.id) ?? 0 })),
  };
}
