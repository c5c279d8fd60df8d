import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { SEARCH_ALIASES } from '@/lib/search/aliases';
import { buildSearchIndex, searchIndex, type SearchIndex } from '@/lib/search/search-index';
import { groupTags, tagKey, type TagGroup } from '@/lib/search/tags';
import { getPopularityIndex } from './movie-stats';
import { listMoviesByIds, type MovieSummary } from './movies';
import { findDataVersion } from './data-version';

/** The most results the full results page lists: past this a visitor refines the query rather than pages on. */
export const MAX_SEARCH_RESULTS = 200;

interface CatalogueMovie {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
}

/** The search indexes of one data version: titles and tags change only with an import. */
interface SearchCatalogue {
  version: string | null;
  movies: SearchIndex;
  byId: Map<number, CatalogueMovie>;
  tags: SearchIndex;
  /** Tag groups; a group's position is its id in the `tags` index. */
  tagGroups: TagGroup[];
  tagByKey: Map<string, TagGroup>;
}

/** How often a request checks (in the background) whether an import changed the data version: DATA_CHECK_SECONDS. */
const versionCheckMs = () => getEnv().DATA_CHECK_SECONDS * 1000;

interface Slot {
  checkedAt: number;
  checking: boolean;
  catalogue: Promise<SearchCatalogue>;
}

const slots = new WeakMap<Kysely<DB>, Slot>();

async function loadCatalogue(db: Kysely<DB>): Promise<SearchCatalogue> {
  const version = await findDataVersion(db);
  const movies = await db.selectFrom('movies').select(['id', 'title', 'year', 'genres']).orderBy('id').execute();
  const tagRows = await db
    .selectFrom('tags')
    .select((eb) => ['tag', 'movie_id', eb.fn.countAll().as('uses')])
    .groupBy(['tag', 'movie_id'])
    .execute();
  const tagGroups = groupTags(tagRows.map((row) => ({ tag: row.tag, movieId: row.movie_id, uses: Number(row.uses) })));
  return {
    version,
    movies: buildSearchIndex(
      movies.map((movie) => ({ id: movie.id, text: movie.title })),
      { aliases: SEARCH_ALIASES },
    ),
    byId: new Map(movies.map((movie) => [movie.id, movie])),
    tags: buildSearchIndex(
      tagGroups.map((group, position) => ({ id: position, text: group.label })),
      { kind: 'plain' },
    ),
    tagGroups,
    tagByKey: new Map(tagGroups.map((group) => [group.key, group])),
  };
}

/**
 * The search indexes for `db`, built on first use and rebuilt when the data version changes (checked in the
 * background at most every DATA_CHECK_SECONDS, the stale indexes served meanwhile, as lib/data/movie-stats.ts does). An
 * empty catalogue is not kept: the import may still be running.
 */
function getSearchCatalogue(db: Kysely<DB>): Promise<SearchCatalogue> {
  const slot = slots.get(db);
  if (!slot) {
    const fresh: Slot = { checkedAt: Date.now(), checking: false, catalogue: loadCatalogue(db) };
    slots.set(db, fresh);
    fresh.catalogue.then(
      (catalogue) => {
        if (catalogue.byId.size === 0 && slots.get(db) === fresh) slots.delete(db);
      },
      () => slots.delete(db),
    );
    return fresh.catalogue;
  }
  if (Date.now() - slot.checkedAt > versionCheckMs() && !slot.checking) {
    slot.checking = true;
    void (async () => {
      try {
        const [current, version] = await Promise.all([slot.catalogue, findDataVersion(db)]);
        const catalogue = version === current.version ? slot.catalogue : Promise.resolve(await loadCatalogue(db));
        slots.set(db, { checkedAt: Date.now(), checking: false, catalogue });
      } catch {
        slot.checking = false;
      }
    })();
  }
  return slot.catalogue;
}

/** A title suggestion for autocomplete: from memory, so its rating count may lag new ratings up to a minute. */
export interface MovieSuggestion {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  ratingCount: number;
}

/** A tag that matches the search, with the number of movies carrying it. */
export interface TagSuggestion {
  tag: string;
  movieCount: number;
}

/** The best `limit` movies for `text`, ranked as lib/search/search-index.ts says, answered from memory only. */
export async function suggestMovies(db: Kysely<DB>, text: string, limit = 10): Promise<MovieSuggestion[]> {
  const [catalogue, { ratingCount }] = await Promise.all([getSearchCatalogue(db), getPopularityIndex(db)]);
  const { hits } = searchIndex(catalogue.movies, text, { limit, popularity: ratingCount });
  return hits.flatMap(({ id }) => {
    const movie = catalogue.byId.get(id);
    return movie ? [{ ...movie, ratingCount: ratingCount(id) }] : [];
  });
}

/** The tags matching `text`, the most widely used first. */
export async function suggestTags(db: Kysely<DB>, text: string, limit = 5): Promise<TagSuggestion[]> {
  const catalogue = await getSearchCatalogue(db);
  const movieCount = (position: number) => catalogue.tagGroups[position]?.movies.length ?? 0;
  const { hits } = searchIndex(catalogue.tags, text, { limit, popularity: movieCount });
  return hits.map(({ id }) => ({ tag: (catalogue.tagGroups[id] as TagGroup).label, movieCount: movieCount(id) }));
}

export interface SearchPage {
  /** Matching movies, up to MAX_SEARCH_RESULTS. */
  total: number;
  movies: MovieSummary[];
}

/** One page of the full results for `text` (`offset` into the ranked list), with exact rating statistics. */
export async function searchMovies(
  db: Kysely<DB>,
  text: string,
  { offset, limit }: { offset: number; limit: number },
): Promise<SearchPage> {
  const [catalogue, { ratingCount }] = await Promise.all([getSearchCatalogue(db), getPopularityIndex(db)]);
  const { hits, total } = searchIndex(catalogue.movies, text, {
    limit: MAX_SEARCH_RESULTS,
    popularity: ratingCount,
  });
  const ids = hits.slice(offset, offset + limit).map((hit) => hit.id);
  return { total: Math.min(total, MAX_SEARCH_RESULTS), movies: await listMoviesByIds(db, ids) };
}

export interface TaggedMovies {
  /** The tag in its most used spelling. */
  tag: string;
  total: number;
  movies: MovieSummary[];
}

/**
 * One page of the movies carrying `tag` (any spelling with the same folded words), the most tagged first, then the
 * most rated; null when no movie has the tag.
 */
export async function listTaggedMovies(
  db: Kysely<DB>,
  tag: string,
  { offset, limit }: { offset: number; limit: number },
): Promise<TaggedMovies | null> {
  const [catalogue, { counts }] = await Promise.all([getSearchCatalogue(db), getPopularityIndex(db)]);
  const group = catalogue.tagByKey.get(tagKey(tag));
  if (!group) return null;
  const ranked = [...group.movies].sort(
    (a, b) => b.uses - a.uses || (counts.get(b.movieId) ?? 0) - (counts.get(a.movieId) ?? 0) || a.movieId - b.movieId,
  );
  const ids = ranked.slice(offset, offset + limit).map((movie) => movie.movieId);
  return { tag: group.label, total: ranked.length, movies: await listMoviesByIds(db, ids) };
}
