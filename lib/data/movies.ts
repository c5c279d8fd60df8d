import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { MOVED_ARTICLES } from '@/lib/display';
import { fromMovieLens, getGenres, getPopularityIndex, getPublicStats, getTitleIndex, type TitleEntry } from './movie-stats';

/** A movie as lists and pages show it: its row, its links and its rating statistics. */
export interface MovieSummary {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
  ratingCount: number;
  /** Mean of the MovieLens users' ratings (visitors' are left out of public statistics); null when none rated it. */
  meanRating: number | null;
}

interface SummaryRow {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  imdb_id: string | null;
  tmdb_id: number | null;
  rating_count: number | string | bigint | null;
  mean_rating: number | string | null;
}

/** The one place movie rows become MovieSummary (count(*) is a string from pg, a number from PGlite). */
function toMovieSummary(row: SummaryRow): MovieSummary {
  const ratingCount = Number(row.rating_count ?? 0);
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    genres: row.genres,
    imdbId: row.imdb_id,
    tmdbId: row.tmdb_id,
    ratingCount,
    meanRating: ratingCount > 0 && row.mean_rating !== null ? Number(row.mean_rating) : null,
  };
}

function selectMovies(db: Kysely<DB>) {
  return db
    .selectFrom('movies')
    .leftJoin('links', 'links.movie_id', 'movies.id')
    .select(['movies.id', 'movies.title', 'movies.year', 'movies.genres', 'links.imdb_id', 'links.tmdb_id']);
}

/**
 * Movies joined with their links and per-movie rating statistics through correlated subqueries: each one is
 * an index lookup on ratings_movie_id_idx, so a filtered list costs work proportional to the rows it returns
 * (the fallback when no import is recorded, see getPublicStats).
 */
function selectSummaries(db: Kysely<DB>) {
  return selectMovies(db).select((eb) => [
      eb
        .selectFrom('ratings')
        .select((inner) => inner.fn.countAll().as('n'))
        .whereRef('ratings.movie_id', '=', 'movies.id')
        .where(fromMovieLens)
        .as('rating_count'),
      eb
        .selectFrom('ratings')
        .select((inner) => inner.fn.avg('ratings.rating').as('m'))
        .whereRef('ratings.movie_id', '=', 'movies.id')
        .where(fromMovieLens)
        .as('mean_rating'),
    ]);
}

/** Summaries of these movies (any order): their rows, plus statistics from memory per data version when known. */
async function readSummaries(db: Kysely<DB>, ids: readonly number[]): Promise<MovieSummary[]> {
  const stats = await getPublicStats(db);
  if (!stats) return (await selectSummaries(db).where('movies.id', 'in', ids).execute()).map(toMovieSummary);
  const rows = await selectMovies(db).where('movies.id', 'in', ids).execute();
  return rows.map((row) =>
    toMovieSummary({ ...row, rating_count: stats.counts.get(row.id) ?? 0, mean_rating: stats.means.get(row.id) ?? null }),
  );
}

export async function findMovie(db: Kysely<DB>, id: number): Promise<MovieSummary | null> {
  return (await readSummaries(db, [id]))[0] ?? null;
}

export async function movieExists(db: Kysely<DB>, id: number): Promise<boolean> {
  const row = await db.selectFrom('movies').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Summaries for the given ids, in the order of `ids`; unknown ids are skipped. */
export async function listMoviesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<MovieSummary[]> {
  if (ids.length === 0) return [];
  const summaries = await readSummaries(db, [...new Set(ids)]);
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface PopularMoviesOptions {
  /** Only movies of this MovieLens genre (e.g. "Comedy"). */
  genre?: string;
  limit?: number;
}

/** The most-rated movies (ties: higher mean first), optionally of one genre. Order from the popularity cache. */
export async function listPopularMovies(db: Kysely<DB>, options: PopularMoviesOptions = {}): Promise<MovieSummary[]> {
  const { genre, limit = 24 } = options;
  const [{ ranked }, titles] = await Promise.all([getPopularityIndex(db), genre ? getTitleIndex(db) : []]);
  let ids = ranked;
  if (genre) {
    // The genres from the title index (per import) rather than a scan of every movie row per page view.
    const inGenre = new Set(titles.filter((entry) => entry.genres.includes(genre)).map((entry) => entry.id));
    ids = ranked.filter((id) => inGenre.has(id));
  }
  return listMoviesByIds(db, ids.slice(0, limit));
}

/** Every genre with its number of movies, alphabetically (cached: genres change only with an import). */
export function listGenres(db: Kysely<DB>): Promise<{ genre: string; movieCount: number }[]> {
  return getGenres(db);
}

/** A movie's MovieLens tags, most used first. Plain text: render it as text, never as HTML. */
export async function listMovieTags(db: Kysely<DB>, movieId: number, limit = 30): Promise<{ tag: string; count: number }[]> {
  const rows = await db
    .selectFrom('tags')
    .select((eb) => ['tag', eb.fn.countAll().as('n')])
    .where('movie_id', '=', movieId)
    .groupBy('tag')
    .orderBy('n', 'desc')
    .orderBy('tag')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ tag: row.tag, count: Number(row.n) }));
}

// MovieLens moves a leading article to the end: "Matrix, The (1999)", "Haine, La (1995)"; a query may put it first.
const LEADING_ARTICLE = new RegExp(`^(${MOVED_ARTICLES.filter((article) => !article.endsWith("'")).join('|')}) (.+)$`, 'i');

/** A title suggestion for autocomplete: from the in-memory caches, so its rating count may lag up to a minute. */
export interface MovieSuggestion {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  ratingCount: number;
}

/** `text` as search input: trimmed, lower case, runs of white space as one space ('' when nothing to search). */
function searchNeedle(text: string): string {
  const needle = text.trim().toLowerCase().replace(/\s+/g, ' ');
  // PostgreSQL text cannot hold NUL, so no title contains one.
  return needle.includes('\u0000') ? '' : needle;
}

/**
 * The titles matching `needle`, ranked: titles starting with the text first, then titles with a word starting
 * with it, then any other match; within a rank, the most rated first, then by title. "the matrix" also finds
 * "Matrix, The (1999)": the rest, then the article after a comma anywhere later in the title. Matched in memory
 * over the cached title index (plain substring tests, so LIKE wildcards and quotes in the text are literal).
 */
async function rankTitles(db: Kysely<DB>, needle: string, limit: number): Promise<{ entry: TitleEntry; count: number }[]> {
  if (needle === '') return [];
  const [titles, { counts }] = await Promise.all([getTitleIndex(db), getPopularityIndex(db)]);
  const moved = LEADING_ARTICLE.exec(needle);
  const rest = moved?.[2] ?? '';
  const article = `, ${moved?.[1]?.toLowerCase() ?? ''}`;
  const wordStart = ` ${needle}`;
  const matches: { entry: TitleEntry; rank: number; count: number }[] = [];
  for (const entry of titles) {
    const title = entry.lower;
    let rank: number;
    if (title.startsWith(needle)) rank = 0;
    else if (moved && title.startsWith(rest) && title.includes(article, rest.length)) rank = 0;
    else if (title.includes(wordStart)) rank = 1;
    else if (title.includes(needle)) rank = 2;
    else if (moved) {
      const at = title.indexOf(rest);
      if (at < 0 || !title.includes(article, at + rest.length)) continue;
      rank = 2;
    } else continue;
    matches.push({ entry, rank, count: counts.get(entry.id) ?? 0 });
  }
  matches.sort((a, b) => a.rank - b.rank || b.count - a.count || (a.entry.title < b.entry.title ? -1 : a.entry.title > b.entry.title ? 1 : 0));
  return matches.slice(0, limit);
}

/**
 * The titles matching `text`, ranked as `rankTitles` says, answered from memory only (no query per keystroke): the rating count is the
 * cached one, which lags new ratings by up to a minute (lib/data/movie-stats.ts).
 */
export async function suggestMovies(db: Kysely<DB>, text: string, limit = 10): Promise<MovieSuggestion[]> {
  const best = await rankTitles(db, searchNeedle(text), limit);
  return best.map(({ entry, count }) => ({ id: entry.id, title: entry.title, year: entry.year, genres: entry.genres, ratingCount: count }));
}
