import 'bootstrap/dist/css/bootstrap.min.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { SiteNavbar } from '@/components/layout/site-navbar';

export const metadata: Metadata = {
  title: { default: 'MovieLens Recommender', template: '%s · MovieLens Recommender' },
  description: 'Rate a few movies and get recommendations from NMF or from users with tastes like yours.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/**
 * Every page renders per request: the Content-Security-Policy nonce (proxy.ts) differs each time, and a page
 * prerendered at build time would carry scripts without it.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en" data-bs-theme="light">
      <body className="d-flex flex-column min-vh-100">
        <a className="visually-hidden-focusable position-absolute p-2 bg-body" href="#main">
          Skip to content
        </a>
        <SiteNavbar />
        <main id="main" className="container py-4 flex-grow-1">
          {children}
        </main>
        <footer className="border-top py-3 small text-body-secondary">
          <div className="container">
            Data: <a href="https://grouplens.org/datasets/movielens/">MovieLens ml-latest-small</a> by
            GroupLens (F. M. Harper and J. A. Konstan, 2015), used under its licence.
          </div>
        </footer>
      </body>
    </html>
  );
}
