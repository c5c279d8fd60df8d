import { PREDICTION_MIN_RATINGS } from '@/lib/recsys/model-specs';

/**
 * The visitor's predicted rating, the same badge wherever a movie appears: "For you 4.2★". Only the rating
 * predictor's figure is shown this way; a list's ranking score never is.
 */
export function PredictedRating({ rating, className = '' }: { rating: number; className?: string }) {
  return (
    <span
      className={`badge text-bg-primary flex-shrink-0 predicted-rating ${className}`}
      title={`Predicted rating for you, from your ratings (shown once you have rated ${PREDICTION_MIN_RATINGS} movies)`}
    >
      <span className="fw-normal">For you</span> {rating.toFixed(1)}★
    </span>
  );
}
