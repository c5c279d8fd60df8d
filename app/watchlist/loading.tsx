import { ListSkeleton } from '@/components/layout/list-skeleton';

/** Skeleton while the watchlist and its predicted ratings load. */
export default function Loading() {
  return <ListSkeleton label="Loading your watchlist" lead="line" rows={6} />;
}
