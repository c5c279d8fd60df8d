import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { MovieResults } from '@/components/search/movie-results';
import { ResultPages } from '@/components/search/result-pages';
import { pageWindow, parsePage, RESULTS_PAGE_SIZE } from '@/app/search/query';
import { getDatabase } from '@/db/client';
import { listTaggedMovies } from '@/lib/data/search';
import { formatCount, tagPath } from '@/lib/display';

type Props = { params: Promise<{ tag: string }>; searchParams: Promise<{ page?: string | string[] }> };

/** The segment as text: Next hands it over still percent-encoded in some paths, decoded in others. */
function tagFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** One page of a tag's movies, cached per request (metadata and page). */
const loadTag = cache(async (segment: string, requestedPage: number) => {
  const { db } = await getDatabase();
  const tag = tagFromSegment(segment);
  const first = await listTaggedMovies(db, tag, {
    offset: (requestedPage - 1) * RESULTS_PAGE_SIZE,
    limit: RESULTS_PAGE_SIZE,
  });
  if (!first) return null;
  const window = pageWindow(requestedPage, first.total);
  const shown =
    window.page === requestedPage
      ? first
      : ((await listTaggedMovies(db, tag, { offset: window.offset, limit: RESULTS_PAGE_SIZE })) ?? first);
  return { ...shown, ...window };
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const found = await loadTag((await params).tag, parsePage((await searchParams).page));
  return { title: found ? `Tagged “${found.tag}”` : 'Tag not found' };
}

/** The movies MovieLens users gave a tag (any spelling of it), the most tagged first: where tag links lead. */
export default async function TagPage({ params, searchParams }: Props) {
  const found = await loadTag((await params).tag, parsePage((await searchParams).page));
  if (!found) notFound();
  const { tag, total, movies, page, pageCount, offset } = found;
  return (
    <div className="d-flex flex-column gap-3">
      <header>
        <p className="text-body-secondary small mb-1">MovieLens tag</p>
        <h1 className="h2 mb-1">Movies tagged “{tag}”</h1>
        <p className="mb-0 text-body-secondary" role="status">
          {formatCount(total, 'movie carries', 'movies carry')} this tag, the most tagged first
          {pageCount > 1 && `: showing ${offset + 1}–${offset + movies.length}`}.
        </p>
      </header>
      <MovieResults movies={movies} label={`Movies tagged ${tag}`} />
      <ResultPages
        page={page}
        pageCount={pageCount}
        href={(n) => `${tagPath(tag)}${n > 1 ? `?page=${n}` : ''}`}
      />
    </div>
  );
}
