import Link from 'next/link';
import { RatingControl } from '@/components/rating/rating-control';
import type { RecommendedMovie } from '@/lib/recsys/engine';
import { PredictedRating } from '@/components/movies/predicted-rating';
import { WatchlistButton } from '@/components/watchlist/watchlist-button';
import { displayTitle, formatCount, formatMean, imdbUrl, tmdbUrl } from '@/lib/display';

/** What a card shows: a recommended movie as plain data (the list lives in a client component). */
export interface RecommendationCardData extends Omit<RecommendedMovie, 'explanation'> {
  /** The reason already states the average and count (popular movies): skip the statistics line's numbers. */
  reasonHasStats?: boolean;
  /** On the visitor's watchlist: a badge says so, and the toggle is pressed. */
  onWatchlist?: boolean;
}

export interface RecommendationCardProps {
  item: RecommendationCardData;
  rank: number;
  /** Ask to hide the movie ("not interested"); the list removes the card. */
  onHide: (movieId: number) => void;
  hiding: boolean;
}

export function RecommendationCard({ item, rank, onHide, hiding }: RecommendationCardProps) {
  const name = displayTitle(item.title);
  return (
    <article
      className="card h-100 shadow-sm"
      aria-labelledby={`rec-${item.movieId}`}
      data-movie-id={item.movieId}
    >
      <div className="card-body d-flex flex-column gap-2">
        <div className="d-flex justify-content-between align-items-start gap-2">
          <h3 className="card-title h5 mb-0" id={`rec-${item.movieId}`}>
            <span className="text-body-secondary small me-1">{rank}.</span>
            <Link
              href={`/movies/${item.movieId}`}
              className="link-underline-opacity-0 link-underline-opacity-75-hover"
            >
              {name}
            </Link>
            {item.year !== null && (
              <span className="text-body-secondary fw-normal small ms-2">{item.year}</span>
            )}
          </h3>
          <PredictionBadge item={item} />
        </div>
        {item.onWatchlist && (
          <p className="mb-0">
            <span className="badge text-bg-success">On your watchlist</span>
          </p>
        )}
        {item.genres.length > 0 && (
          <div className="d-flex flex-wrap gap-1">
            {item.genres.map((genre) => (
              <span className="badge rounded-pill text-bg-light border" key={genre}>
                {genre}
              </span>
            ))}
          </div>
        )}
        <p className="card-text small mb-0 recommendation-reason">{item.reason}</p>
        <p className="small text-body-secondary mb-0">
          {!item.reasonHasStats && (
            <>
              MovieLens average {formatMean(item.meanRating)}★ from{' '}
              {formatCount(item.ratingCount, 'rating', 'ratings')} ·{' '}
            </>
          )}
          {item.imdbId && (
            <>
              <a href={imdbUrl(item.imdbId)} target="_blank" rel="noreferrer">
                IMDb
              </a>
            </>
          )}
          {item.tmdbId !== null && (
            <>
              {item.imdbId && ' · '}
              <a href={tmdbUrl(item.tmdbId)} target="_blank" rel="noreferrer">
                TMDB
              </a>
            </>
          )}
        </p>
        <div className="mt-auto d-flex flex-wrap align-items-center justify-content-between gap-2 pt-1">
          <RatingControl movieId={item.movieId} title={item.title} initialRating={null} />
          <WatchlistButton
            movieId={item.movieId}
            title={item.title}
            onWatchlist={item.onWatchlist ?? false}
          />
          <button
            type="button"
            className="btn btn-sm btn-outline-secondary"
            onClick={() => onHide(item.movieId)}
            disabled={hiding}
            aria-label={`Not interested in ${name}`}
          >
            Not interested
          </button>
        </div>
      </div>
    </article>
  );
}

function PredictionBadge({ item }: { item: RecommendationCardData }) {
  if (item.predictedRating === null) return null;
  return <PredictedRating rating={item.predictedRating} />;
}
