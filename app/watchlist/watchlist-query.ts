/**
 * The /watchlist URL (?sort=title&page=2) and the order of the list. Anything unknown falls back to its default
 * (by predicted rating, first page).
 */
import { displayTitle } from '@/lib/display';

export const WATCHLIST_PAGE_SIZE = 50;

export const WATCHLIST_SORTS = [
  { key: 'predicted', label: 'Predicted rating' },
  { key: 'added', label: 'Date added' },
  { key: 'title', label: 'Title' },
  { key: 'year', label: 'Year' },
] as const;
export type WatchlistSort = (typeof WATCHLIST_SORTS)[number]['key'];

export interface WatchlistQuery {
  sort: WatchlistSort;
  /** 1-based. */
  page: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

export function parseWatchlistQuery(params: SearchParams): WatchlistQuery {
  const sort = [params.sort].flat()[0];
  const page = Number([params.page].flat()[0]);
  return {
    sort: WATCHLIST_SORTS.find((option) => option.key === sort)?.key ?? 'predicted',
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

export function watchlistHref({ sort, page }: Partial<WatchlistQuery>): string {
  const params = new URLSearchParams();
  if (sort && sort !== 'predicted') params.set('sort', sort);
  if (page && page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/watchlist?${search}` : '/watchlist';
}

export interface WatchlistEntry {
  movieId: number;
  title: string;
  year: number | null;
  addedAt: Date;
  /** The visitor's predicted rating (null: none yet). */
  predicted: number | null;
}

/**
 * The watchlist in the chosen order: predicted rating highest first (movies without one last), date added newest
 * first, title A–Z as displayed (as "Your ratings" sorts: "The Matrix" under T), year newest first (unknown last).
 * Ties: newest added first, then id.
 */
export function sortWatchlist<T extends WatchlistEntry>(entries: readonly T[], sort: WatchlistSort): T[] {
  const byAdded = (a: T, b: T) => b.addedAt.getTime() - a.addedAt.getTime() || a.movieId - b.movieId;
  const nullsLast = (a: number | null, b: number | null) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a;
  const compare: Record<WatchlistSort, (a: T, b: T) => number> = {
    predicted: (a, b) => nullsLast(a.predicted, b.predicted) || byAdded(a, b),
    added: byAdded,
    title: (a, b) => displayTitle(a.title).localeCompare(displayTitle(b.title), 'en') || byAdded(a, b),
    year: (a, b) => nullsLast(a.year, b.year) || byAdded(a, b),
  };
  return [...entries].sort(compare[sort]);
}

/** One page of a list, with the page number clamped to the pages there are. */
export function pageOf<T>(items: readonly T[], page: number, size = WATCHLIST_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}
