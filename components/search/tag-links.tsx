import Link from 'next/link';
import { formatCount, tagPath } from '@/lib/display';

/** MovieLens tags as links to the page of their movies (React escapes the text: a tag like "<b>" is shown as is). */
export function TagLinks({ tags, label }: { tags: { tag: string; movieCount: number }[]; label: string }) {
  return (
    <ul className="list-inline mb-0" aria-label={label}>
      {tags.map(({ tag, movieCount }) => (
        <li key={tag} className="list-inline-item mb-1">
          <Link
            href={tagPath(tag)}
            className="badge rounded-pill text-bg-light border fw-normal fs-6 text-decoration-none"
          >
            {tag} <span className="text-body-secondary">· {formatCount(movieCount, 'movie', 'movies')}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
