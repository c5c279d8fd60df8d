import type { Metadata } from 'next';
import { Suspense } from 'react';
import { MovieGridSkeleton } from '@/components/movies/movie-grid-skeleton';
import { MovieResults } from '@/components/search/movie-results';
import { ResultPages } from '@/components/search/result-pages';
import { SearchForm } from '@/components/search/search-form';
import { TagLinks } from '@/components/search/tag-links';
import { getDatabase } from '@/db/client';
import { MAX_SEARCH_RESULTS, searchMovies, suggestTags } from '@/lib/data/search';
import { formatCount, searchPath } from '@/lib/display';
import { pageWindow, parsePage, parseSearchText, RESULTS_PAGE_SIZE } from './query';

type SearchParams = Promise<{ q?: string | string[]; page?: string | string[] }>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const parsed = parseSearchText((await searchParams).q);
  return { title: parsed && 'text' in parsed ? `Search: ${parsed.text}` : 'Search' };
}

/** Full search results (the dropdown shows only the first few): matching tags, then movies a page at a time. */
export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const parsed = parseSearchText(params.q);
  const text = parsed && 'text' in parsed ? parsed.text : '';
  return (
    <div className="d-flex flex-column gap-4">
      <header className="d-flex flex-column gap-3">
        <h1 className="h2 mb-0">{text ? <>Results for “{text}”</> : 'Search'}</h1>
        <SearchForm text={text} />
      </header>
      {parsed === null && (
        <p className="text-body-secondary mb-0">
          Type a title (any word order, accents and a typo forgiven) or a MovieLens tag.
        </p>
      )}
      {parsed && 'error' in parsed && (
        <div className="alert alert-warning mb-0" role="alert">
          {parsed.error}
        </div>
      )}
      {text && (
        <Suspense key={`${text}:${parsePage(params.page)}`} fallback={<MovieGridSkeleton />}>
          <Results text={text} requestedPage={parsePage(params.page)} />
        </Suspense>
      )}
    </div>
  );
}

async function Results({ text, requestedPage }: { text: string; requestedPage: number }) {
  const { db } = await getDatabase();
  const [tags, first] = await Promise.all([
    suggestTags(db, text, 12),
    searchMovies(db, text, { offset: (requestedPage - 1) * RESULTS_PAGE_SIZE, limit: RESULTS_PAGE_SIZE }),
  ]);
  const { page, pageCount, offset } = pageWindow(requestedPage, first.total);
  // A link past the last page shows the last page.
  const results =
    page === requestedPage ? first : await searchMovies(db, text, { offset, limit: RESULTS_PAGE_SIZE });
  return (
    <>
      {tags.length > 0 && (
        <section aria-labelledby="tag-results-heading">
          <h2 id="tag-results-heading" className="h5">
            MovieLens tags
          </h2>
          <TagLinks tags={tags} label="Matching tags" />
        </section>
      )}
      <section aria-labelledby="movie-results-heading" className="d-flex flex-column gap-3">
        <h2 id="movie-results-heading" className="h5 mb-0">
          Movies
        </h2>
        {results.total === 0 ? (
          <p className="mb-0" role="status">
            No movies match “{text}”. Try fewer words, or the title in its original language.
          </p>
        ) : (
          <>
            <p className="mb-0 text-body-secondary" role="status">
              {results.total >= MAX_SEARCH_RESULTS
                ? `The best ${MAX_SEARCH_RESULTS} matches (add a word to narrow them)`
                : formatCount(results.total, 'movie matches', 'movies match')}
              , best first{pageCount > 1 && `: showing ${offset + 1}–${offset + results.movies.length}`}.
            </p>
            <MovieResults movies={results.movies} label="Search results" />
            <ResultPages page={page} pageCount={pageCount} href={(n) => searchPath(text, n)} />
          </>
        )}
      </section>
    </>
  );
}
