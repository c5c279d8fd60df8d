import Link from 'next/link';

const links = [
  { href: '/', label: 'Rate movies' },
  { href: '/recommendations', label: 'Recommendations' },
  { href: '/similarity', label: 'Similar users' },
  { href: '/profile', label: 'Your ratings' },
  { href: '/about', label: 'How it works' },
];

/** Site navigation; collapses behind a toggler-free wrap on phones (no Bootstrap JS needed). */
export function SiteNavbar() {
  return (
    <nav className="navbar navbar-expand navbar-dark bg-brand" aria-label="Main">
      <div className="container flex-wrap">
        <Link className="navbar-brand" href="/">
          🎬 MovieLens Recommender
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
