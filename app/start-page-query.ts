/**
 * The start page's URL: /?genre=Comedy&decade=1990&start=24. Anything unknown falls back to its default (all
 * genres, any decade, the first page), so a shared link with a typo still shows a page.
 */

/** Cards per page of movies to rate. */
export const RATE_PAGE_SIZE = 24;

export interface StartPageQuery {
  genre: string | null;
  decade: number | null;
  /** Position in the filtered most-rated list where the page starts (see listMoviesToRate). */
  start: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseStartPageQuery(
  params: SearchParams,
  known: { genres: readonly string[]; decades: readonly number[] },
): StartPageQuery {
  const genre = first(params.genre);
  const decade = Number(first(params.decade));
  const start = Number(first(params.start));
  return {
    genre: genre !== undefined && known.genres.includes(genre) ? genre : null,
    decade: known.decades.includes(decade) ? decade : null,
    start: Number.isSafeInteger(start) && start > 0 ? start : 0,
  };
}

/** The start page's address for a filter and page (defaults left out, so URLs stay short). */
export function startPageHref(query: Partial<StartPageQuery>): string {
  const params = new URLSearchParams();
  if (query.genre) params.set('genre', query.genre);
  if (query.decade != null) params.set('decade', String(query.decade));
  if (query.start) params.set('start', String(query.start));
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

/** "1990s" */
export function decadeLabel(decade: number): string {
  return `${decade}s`;
}
