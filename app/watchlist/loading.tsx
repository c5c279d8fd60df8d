/** Skeleton while the watchlist and its predicted ratings load. */
export default function Loading() {
  return (
    <div
      className="placeholder-glow d-flex flex-column gap-3"
      role="status"
      aria-label="Loading your watchlist"
    >
      <span className="placeholder col-5 col-md-3 fs-2" />
      <span className="placeholder col-8 col-md-5" />
      <ul className="list-group">
        {Array.from({ length: 6 }, (_, i) => (
          <li className="list-group-item d-flex gap-3 align-items-center" key={i}>
            <span className="placeholder col-5" />
            <span className="placeholder col-3 ms-auto py-2" />
          </li>
        ))}
      </ul>
    </div>
  );
}
