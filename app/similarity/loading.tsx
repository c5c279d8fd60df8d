export default function Loading() {
  return (
    <>
      <h1 className="h2">Users with tastes like yours</h1>
      <div className="placeholder-glow" aria-hidden="true">
        <span className="placeholder col-12 col-lg-8" style={{ height: '24rem' }} />
      </div>
      <p className="visually-hidden" role="status">
        Loading the heat map…
      </p>
    </>
  );
}
