/** MovieLens tags as plain text badges (React escapes them: a tag like "<b>" is shown, never interpreted). */
export function MovieTags({ tags }: { tags: { tag: string; count: number }[] }) {
  if (tags.length === 0) return <p className="text-body-secondary mb-0">Nobody has tagged this movie yet.</p>;
  return (
    <ul className="list-inline mb-0" aria-label="Tags">
      {tags.map(({ tag, count }) => (
        <li key={tag} className="list-inline-item mb-1">
          <span className="badge rounded-pill text-bg-light border fw-normal" title={`Tagged ${count} times`}>
            {tag}
            {count > 1 && <span className="text-body-secondary"> ×{count}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
