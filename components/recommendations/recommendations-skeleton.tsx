/** Placeholder cards while the page renders (Bootstrap placeholder-glow). */
export function RecommendationsSkeleton({ cards = 6 }: { cards?: number }) {
  return (
    <div className="row row-cols-1 row-cols-md-2 row-cols-xl-3 g-3" aria-hidden="true">
      {Array.from({ length: cards }, (_, i) => (
        <div className="col" key={i}>
          <div className="card h-100">
            <div className="card-body placeholder-glow">
              <h3 className="card-title h5">
                <span className="placeholder col-8" />
              </h3>
              <p className="mb-2">
                <span className="placeholder col-4 me-2" />
                <span className="placeholder col-3" />
              </p>
              <p className="mb-2">
                <span className="placeholder col-10" />
              </p>
              <span className="placeholder btn btn-sm btn-secondary disabled col-5" />
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}
