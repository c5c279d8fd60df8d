import Link from 'next/link';
import { tagPath } from '@/lib/display';

/**
 * MovieLens tags as links to the movies carrying them (React escapes them: a tag like "<b>" is shown, never
 * interpreted).
 */
export function MovieTags({ tags }: { tags: { tag: string; count: number }[] }) {
  if (tags.length === 0) return <p className="text-body-secondary mb-0">Nobody has tagged this movie yet.</p>;
  return (
    <ul className="list-inline mb-0" aria-label="Tags">
      {tags.map(({ tag, count }) => (
        <li key={tag} className="list-inline-item mb-1">
          <Link
            href={tagPath(tag)}
            className="badge rounded-pill text-bg-light border fw-normal text-decoration-none"
            title={`Tagged ${count} ${count === 1 ? 'time' : 'times'}: see every movie with this tag`}
          >
            {tag}
            {count > 1 && <span className="text-body-secondary"> ×{count}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}
