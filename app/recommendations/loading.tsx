import { RecommendationsSkeleton } from '@/components/recommendations/recommendations-skeleton';

export default function Loading() {
  return (
    <>
      <h1 className="h2 mb-3">Recommended for you</h1>
      <div className="placeholder-glow mb-3" aria-hidden="true">
        <span className="placeholder col-12" style={{ height: '6rem' }} />
      </div>
      <p className="visually-hidden" role="status">
        Loading recommendations…
      </p>
      <RecommendationsSkeleton />
    </>
  );
}
