/** Skeleton while a movie page loads. */
export default function Loading() {
  return (
    <div className="placeholder-glow d-flex flex-column gap-4" role="status" aria-label="Loading the movie">
      <div>
        <span className="placeholder col-7 col-md-5 fs-2 mb-2" />
        <span className="placeholder col-4 mb-2" />
        <span className="placeholder col-3" />
      </div>
      <span className="placeholder col-12 py-4 rounded" />
      <div className="row g-4">
        <div className="col-lg-7">
          <span className="placeholder col-12 rounded rating-histogram d-block" />
        </div>
        <div className="col-lg-5">
          <span className="placeholder col-10 mb-2" />
          <span className="placeholder col-8" />
        </div>
      </div>
    </div>
  );
}
