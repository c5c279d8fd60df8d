import Link from 'next/link';

/** Genre filter as links (?genre=Comedy), so each list has its own address and works without JavaScript. */
export function GenrePills({ genres, current }: { genres: string[]; current: string | null }) {
  const pills = [{ label: 'All genres', href: '/', genre: null as string | null }].concat(
    genres.map((genre) => ({ label: genre, href: `/?genre=${encodeURIComponent(genre)}`, genre })),
  );
  return (
    <nav aria-label="Genres">
      <ul className="nav nav-pills genre-pills gap-1">
        {pills.map((pill) => (
          <li className="nav-item" key={pill.label}>
            <Link
              href={pill.href}
              scroll={false}
              className={`nav-link py-1 px-2${pill.genre === current ? ' active' : ''}`}
              aria-current={pill.genre === current ? 'page' : undefined}
            >
              {pill.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
