import Link from 'next/link';

const links = [
  { href: '/', label: 'Rate movies' },
  { href: '/recommendations', label: 'Recommendations' },
  { href: '/watchlist', label: 'Watchlist' },
  { href: '/similarity', label: 'Similar users' },
  { href: '/profile', label: 'Your ratings' },
  { href: '/movie-night', label: 'Movie night' },
  { href: '/about', label: 'How it works' },
];

/** Site navigation; collapses behind a toggler-free wrap on phones (no Bootstrap JS needed). */
export function SiteNavbar() {
  return (
    <nav className="navbar navbar-expand navbar-dark bg-brand" aria-label="Main">
      <div className="container flex-wrap">
        <Link className="navbar-brand d-flex align-items-center gap-2" href="/">
          <FilmIcon />
          MovieLens Recommender
        </Link>
        <ul className="navbar-nav flex-wrap">
          {links.map((link) => (
            <li className="nav-item" key={link.href}>
              <Link className="nav-link" href={link.href}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

/** Inline so it renders everywhere (an emoji needs a colour-emoji font, which many Linux machines lack). */
function FilmIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
      <path d="M0 1a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H1a1 1 0 0 1-1-1zm4 0v6h8V1zm8 8H4v6h8zM1 1v2h2V1zm2 3H1v2h2zM1 7v2h2V7zm2 3H1v2h2zm-2 3v2h2v-2zM15 1h-2v2h2zm-2 3v2h2V4zm2 3h-2v2h2zm-2 3v2h2v-2zm2 3h-2v2h2z" />
    </svg>
  );
}
