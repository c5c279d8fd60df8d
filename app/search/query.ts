/**
 * The URL of the results pages: /search?q=godfater&page=2 and /tags/<tag>?page=2. A bad page number falls back to
 * the first page (a shared link with a typo still shows results); bad search text gets one message.
 */
import { z } from 'zod';
import { SearchQuery } from '@/lib/validation/movies';
import { firstIssue } from '@/lib/validation/issues';

/** Results per page: 12, as on /recommendations (each card carries a rating control; 24 took twice the render). */
export const RESULTS_PAGE_SIZE = 12;

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

type Param = string | string[] | undefined;

function single(value: Param): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parsePage(value: Param): number {
  return Page.parse(single(value) ?? 1);
}

/** The search text, or a message for text the search refuses (too long, control characters); null when none. */
export function parseSearchText(value: Param): { text: string } | { error: string } | null {
  const raw = single(value);
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = SearchQuery.shape.search.safeParse(raw);
  return parsed.success
    ? { text: parsed.data }
    : { error: firstIssue(parsed.error).replace(/^search/, 'The search') };
}

/** The page to show of `total` results (the last one when asked past it) and the offset of its first result. */
export function pageWindow(page: number, total: number): { page: number; pageCount: number; offset: number } {
  const pageCount = Math.max(1, Math.ceil(total / RESULTS_PAGE_SIZE));
  const shown = Math.min(page, pageCount);
  return { page: shown, pageCount, offset: (shown - 1) * RESULTS_PAGE_SIZE };
}
