import Link from 'next/link';

/**
 * Previous / next links between pages of results, with where the visitor is ("Page 2 of 5"). Plain links: every
 * page has its own address and works without JavaScript.
 */
export function ResultPages({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Result pages" className="d-flex align-items-center gap-3">
      {page > 1 ? (
        <Link className="btn btn-outline-secondary btn-sm" href={href(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="btn btn-outline-secondary btn-sm disabled" aria-disabled="true">
          ← Previous
        </span>
      )}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="btn btn-outline-secondary btn-sm" href={href(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="btn btn-outline-secondary btn-sm disabled" aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
