import { MovieGridSkeleton } from '@/components/movies/movie-grid-skeleton';

export default function Loading() {
  return (
    <>
      <p className="text-body-secondary small mb-1">MovieLens tag</p>
      <MovieGridSkeleton />
    </>
  );
}
