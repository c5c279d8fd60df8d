import type { Metadata } from 'next';
import Link from 'next/link';
import { getDatabase } from '@/db/client';
import { SimilarityExplorer } from '@/components/similarity/similarity-explorer';
import { UserFavourites } from '@/components/similarity/user-favourites';
import { listUserRatings } from '@/lib/data/ratings';
import {
  engineView,
  heatMapFor,
  MAX_HEAT_MAP_USERS,
  MIN_HEAT_MAP_USERS,
  topRatedByUser,
} from '@/lib/recsys/engine';
import { getVisitorId } from '@/lib/session';
import { RefreshWhileTraining } from '@/components/recommendations/refresh-while-training';

export const metadata: Metadata = { title: 'Similar users' };

function intParam(value: string | string[] | undefined): number | null {
  const parsed = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(parsed) ? parsed : null;
}

export default async function SimilarityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const count = Math.min(Math.max(intParam(params.n) ?? 20, MIN_HEAT_MAP_USERS), MAX_HEAT_MAP_USERS);
  const selected = intParam(params.user);
  const visitorId = await getVisitorId();
  const { db } = await getDatabase();
  const ratings = visitorId === null ? [] : await listUserRatings(db, visitorId);
  const data = await heatMapFor(
    ratings.map(({ movieId, rating }) => ({ movieId, rating })),
    count,
  );
  const engine = engineView();
  const favourites = selected === null ? null : topRatedByUser(selected, 10);
  const selectedIndex = data?.users.findIndex((user) => user.id === selected) ?? -1;
  const selectedUser = selectedIndex >= 0 ? data?.users[selectedIndex] : undefined;

  return (
    <>
      <h1 className="h2">Users with tastes like yours</h1>
      <p className="text-body-secondary" style={{ maxWidth: '48rem' }}>
        Each square compares two people by the adjusted cosine similarity of their ratings (each person’s
        ratings minus their own average, so “liked more than usual” matches “liked more than usual”). Red is
        alike, blue is opposite, white is unrelated or too few movies in common.{' '}
        {data?.withVisitor
          ? 'You are the first row and column; the users most like you come next, then a spread of everyone else.'
          : null}
      </p>
      {!data?.withVisitor && (
        <div className="alert alert-info" role="status">
          <strong>You have not rated any movies yet</strong>, so this map compares {count} of the most active
          MovieLens users with each other, ordered so that groups with similar tastes sit together.{' '}
          <Link href="/" className="alert-link">
            Rate a few movies
          </Link>{' '}
          to see where you fit.
        </div>
      )}
      {data ? (
        <div className="row g-4">
          <div className="col-lg-8">
            <SimilarityExplorer data={data} count={count} selectedUserId={selected} />
          </div>
          <div className="col-lg-4">
            {favourites ? (
              <UserFavourites
                userId={selected as number}
                movies={favourites}
                similarity={selectedUser?.toVisitor ?? null}
                shared={
                  data.withVisitor && selectedIndex > 0 ? (data.shared[0]?.[selectedIndex] ?? null) : null
                }
              />
            ) : (
              <p className="text-body-secondary small">
                Click a square (or pick a user below the map) to see what that MovieLens user rated highest.
              </p>
            )}
          </div>
        </div>
      ) : engine === null || engine.status === 'training' ? (
        <div className="alert alert-warning d-flex align-items-center gap-2" role="status">
          <span className="spinner-border spinner-border-sm" aria-hidden="true" />
          The similarity model is still loading; this page refreshes by itself.
          <RefreshWhileTraining />
        </div>
      ) : (
        // No data imported, or the model failed: refreshing would not help (health says why).
        <div className="alert alert-secondary" role="status">
          The heat map is not available right now: there are no MovieLens ratings to compare, or the model
          could not be computed. Recommendations still work from the most popular movies.
        </div>
      )}
    </>
  );
}
