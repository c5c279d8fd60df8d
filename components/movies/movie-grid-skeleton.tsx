/** Placeholder for the start page's progress bar, search box and movie grid while they load. */
export function MovieGridSkeleton() {
  return (
    <div className="placeholder-glow d-flex flex-column gap-4" role="status" aria-label="Loading movies">
      <span className="placeholder col-12 py-4 rounded" />
      <span className="placeholder col-12 py-3 rounded" />
      <div className="row row-cols-1 row-cols-sm-2 row-cols-lg-3 row-cols-xl-4 g-3">
        {Array.from({ length: 8 }, (_, i) => (
          <div className="col" key={i}>
            <div className="card h-100">
              <div className="card-body">
                <span className="placeholder col-8 mb-2" />
                <span className="placeholder col-5 placeholder-sm mb-3" />
                <span className="placeholder col-10 py-2" />
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
