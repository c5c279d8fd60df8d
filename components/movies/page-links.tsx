import Link from 'next/link';

/** The page numbers to show around `page`: the first, the last and two either side, with gaps as null. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - (sorted[i - 1] as number) > 1 ? [null, p] : [p]));
}

/** Previous / numbered / next links of a paged list (plain links: each page has its own address). */
export function PageLinks({
  page,
  pageCount,
  href,
  label,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  label: string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-3">
      <ul className="pagination pagination-sm flex-wrap mb-0">
        <li className={`page-item${page === 1 ? ' disabled' : ''}`}>
          {page === 1 ? (
            <span className="page-link">Previous</span>
          ) : (
            <Link className="page-link" href={href(page - 1)} rel="prev">
              Previous
            </Link>
          )}
        </li>
        {pageWindow(page, pageCount).map((p, i) =>
          p === null ? (
            <li className="page-item disabled" key={`gap-${i}`}>
              <span className="page-link">…</span>
            </li>
          ) : (
            <li className={`page-item${p === page ? ' active' : ''}`} key={p}>
              <Link
                className="page-link"
                href={href(p)}
                aria-current={p === page ? 'page' : undefined}
                aria-label={`Page ${p}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        <li className={`page-item${page === pageCount ? ' disabled' : ''}`}>
          {page === pageCount ? (
            <span className="page-link">Next</span>
          ) : (
            <Link className="page-link" href={href(page + 1)} rel="next">
              Next
            </Link>
          )}
        </li>
      </ul>
    </nav>
  );
}
