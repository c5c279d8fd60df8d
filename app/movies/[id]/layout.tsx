import { notFound } from 'next/navigation';
import { loadMovie } from './load-movie';

/**
 * Checks the id before the page's loading skeleton streams: notFound() here still answers HTTP 404, while in the
 * page (inside the loading boundary) the status would already be 200.
 */
export default async function MovieLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  if (!(await loadMovie((await params).id))) notFound();
  return children;
}
