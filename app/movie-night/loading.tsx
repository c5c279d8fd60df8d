/** Skeleton while the movie night page loads. */
export default function Loading() {
  return (
    <div className="placeholder-glow d-flex flex-column gap-3" role="status" aria-label="Loading movie night">
      <span className="placeholder col-5 col-md-3 fs-2" />
      <span className="placeholder col-12 py-3 rounded" />
      {Array.from({ length: 2 }, (_, i) => (
        <span className="placeholder col-12 py-5 rounded" key={i} />
      ))}
    </div>
  );
}
