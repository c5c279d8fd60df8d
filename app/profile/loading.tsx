import { ListSkeleton } from '@/components/layout/list-skeleton';

/** Skeleton while the visitor's ratings load. */
export default function Loading() {
  return <ListSkeleton label="Loading your ratings" lead="block" rows={5} />;
}
