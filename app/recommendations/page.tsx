import type { Metadata } from 'next';
import Link from 'next/link';
import { getDatabase } from '@/db/client';
import { AlgorithmPicker } from '@/components/recommendations/algorithm-picker';
import { EngineNotice } from '@/components/recommendations/engine-notice';
import { RecommendationFilters } from '@/components/recommendations/recommendation-filters';
import { RecommendationList } from '@/components/recommendations/recommendation-list';
import type { RecommendationCardData } from '@/components/recommendations/recommendation-card';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listUserRatings } from '@/lib/data/ratings';
import { engineView, MOVIELENS_GENRES, recommendFor } from '@/lib/recsys/engine';
import { MAX_PAGE_SIZE, PAGE_SIZE, parseRecommendationQuery, recommendationHref } from './query';
import { getVisitorId } from '@/lib/session';

export const metadata: Metadata = { title: 'Recommendations' };

export default async function RecommendationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { spec, filter, n } = parseRecommendationQuery(await searchParams);
  const visitorId = await getVisitorId();
  const { db } = await getDatabase();
  const [ratings, hidden, watchlist] =
    visitorId === null
      ? [[], [], []]
      : await Promise.all([
          listUserRatings(db, visitorId),
          listMarkedMovieIds(db, visitorId, 'hidden'),
          listMarkedMovieIds(db, visitorId, 'watchlist'),
        ]);
  const profile = ratings.map(({ movieId, rating }) => ({ movieId, rating }));
  const { watchlist: watchlistChoice, ...movieFilter } = filter;
  const exclude = watchlistChoice === 'hide' ? [...hidden, ...watchlist] : hidden;
  const result = await recommendFor(profile, { model: spec.key, n, exclude, filter: movieFilter });
  const onWatchlist = new Set(watchlist);
  const engine = engineView();
  // Small plain props for the client list: the structured explanation stays on the server.
  const items: RecommendationCardData[] = result.items.map((item) => ({
    movieId: item.movieId,
    title: item.title,
    year: item.year,
    genres: item.genres,
    imdbId: item.imdbId,
    tmdbId: item.tmdbId,
    ratingCount: item.ratingCount,
    meanRating: item.meanRating,
    score: item.score,
    predictedRating: item.predictedRating,
    reason: item.reason,
    reasonHasStats: item.explanation.kind === 'popular',
    onWatchlist: onWatchlist.has(item.movieId),
  }));

  return (
    <>
      <div className="d-flex flex-wrap align-items-baseline justify-content-between gap-2 mb-3">
        <h1 className="h2 mb-0">Recommended for you</h1>
        <p className="text-body-secondary small mb-0">
          {profile.length === 0
            ? 'No ratings yet'
            : `From your ${profile.length} rating${profile.length === 1 ? '' : 's'}`}
          {hidden.length > 0 && ` · ${hidden.length} hidden`}
          {watchlistChoice === 'hide' &&
            watchlist.length > 0 &&
            ` · ${watchlist.length} on your watchlist left out`}
        </p>
      </div>
      <AlgorithmPicker current={spec} filter={filter} ready={engine?.readyModels ?? []} />
      <RecommendationFilters spec={spec} filter={filter} genres={engine?.genres ?? MOVIELENS_GENRES} />
      <EngineNotice
        fallback={result.fallback}
        requestedLabel={spec.label}
        progress={engine?.progress ?? null}
      />
      <RecommendationList key={`${spec.key}|${JSON.stringify(filter)}|${n}`} items={items} />
      {items.length >= n && n < MAX_PAGE_SIZE && (
        <div className="text-center mt-4">
          <Link
            className="btn btn-outline-primary"
            href={recommendationHref(spec, filter, Math.min(n + PAGE_SIZE, MAX_PAGE_SIZE))}
            scroll={false}
          >
            Show more
          </Link>
        </div>
      )}
    </>
  );
}
