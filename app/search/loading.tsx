import { MovieGridSkeleton } from '@/components/movies/movie-grid-skeleton';

export default function Loading() {
  return (
    <>
      <h1 className="h2 mb-3">Search</h1>
      <MovieGridSkeleton />
    </>
  );
}
