import { revalidatePath } from 'next/cache';

/** Every page that shows the visitor's ratings or marked movies (and the movie's own page). */
export function revalidateVisitorPages(movieId?: number): void {
  for (const path of ['/', '/profile', '/recommendations', '/similarity', '/watchlist']) revalidatePath(path);
  if (movieId !== undefined) revalidatePath(`/movies/${movieId}`);
}
