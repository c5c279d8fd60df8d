import Link from 'next/link';
import { decadeLabel } from '@/app/start-page-query';

/** Decade filter as links beside the genre pills (each combination has its own address; no JavaScript needed). */
export function DecadePills({
  decades,
  current,
  hrefFor,
}: {
  decades: readonly number[];
  current: number | null;
  hrefFor: (decade: number | null) => string;
}) {
  const pills = [{ label: 'Any decade', decade: null as number | null }].concat(
    decades.map((decade) => ({ label: decadeLabel(decade), decade })),
  );
  return (
    <nav aria-label="Decades">
      <ul className="nav nav-pills genre-pills gap-1">
        {pills.map((pill) => (
          <li className="nav-item" key={pill.label}>
            <Link
              href={hrefFor(pill.decade)}
              scroll={false}
              className={`nav-link py-1 px-2${pill.decade === current ? ' active' : ''}`}
              aria-current={pill.decade === current ? 'page' : undefined}
            >
              {pill.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
