import Link from 'next/link';

/**
 * Genre filter as links (?genre=Comedy), so each list has its own address and works without JavaScript.
 * `hrefFor` builds a genre's address (null: all genres) when the page keeps other filters beside it.
 */
export function GenrePills({
  genres,
  current,
  hrefFor = (genre) => (genre === null ? '/' : `/?genre=${encodeURIComponent(genre)}`),
}: {
  genres: string[];
  current: string | null;
  hrefFor?: (genre: string | null) => string;
}) {
  const pills = [{ label: 'All genres', genre: null as string | null }].concat(
    genres.map((genre) => ({ label: genre, genre })),
  );
  return (
    <nav aria-label="Genres">
      <ul className="nav nav-pills genre-pills gap-1">
        {pills.map((pill) => (
          <li className="nav-item" key={pill.label}>
            <Link
              href={hrefFor(pill.genre)}
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
