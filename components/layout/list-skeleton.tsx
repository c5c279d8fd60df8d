/**
 * The loading state of a page that is a title, a lead (a line of text or a block such as a form) and a list of
 * rows with a control at their end: the profile and the watchlist.
 */
export function ListSkeleton({ label, lead, rows }: { label: string; lead: 'line' | 'block'; rows: number }) {
  return (
    <div className="placeholder-glow d-flex flex-column gap-3" role="status" aria-label={label}>
      <span className="placeholder col-5 col-md-3 fs-2" />
      <span className={lead === 'line' ? 'placeholder col-8 col-md-5' : 'placeholder col-12 py-4 rounded'} />
      <ul className="list-group">
        {Array.from({ length: rows }, (_, i) => (
          <li className="list-group-item d-flex gap-3 align-items-center" key={i}>
            <span className="placeholder col-5" />
            <span className="placeholder col-3 ms-auto py-2" />
          </li>
        ))}
      </ul>
    </div>
  );
}
