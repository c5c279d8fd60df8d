/** Skeleton while the visitor's ratings load. */
export default function Loading() {
  return (
    <div
      className="placeholder-glow d-flex flex-column gap-3"
      role="status"
      aria-label="Loading your ratings"
    >
      <span className="placeholder col-5 col-md-3 fs-2" />
      <span className="placeholder col-12 py-4 rounded" />
      <ul className="list-group">
        {Array.from({ length: 5 }, (_, i) => (
          <li className="list-group-item d-flex gap-3 align-items-center" key={i}>
            <span className="placeholder col-5" />
            <span className="placeholder col-3 ms-auto py-2" />
          </li>
        ))}
      </ul>
    </div>
  );
}
