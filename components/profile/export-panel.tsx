/** Downloads of the visitor's profile (app/profile/export/route.ts). */
export function ExportPanel() {
  const formats = [
    { format: 'csv', label: 'CSV (this site)', hint: 'ratings, watchlist, hidden and “haven’t seen it”' },
    { format: 'json', label: 'JSON (this site)', hint: 'the same, for programs' },
    { format: 'letterboxd', label: 'Letterboxd CSV', hint: 'ratings, for letterboxd.com/import' },
  ];
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading" className="h4">
        Export your ratings
      </h2>
      <p className="text-body-secondary">
        Your profile lives in this browser’s cookie. Keep a copy, or move it to another browser with “Restore”
        below.
      </p>
      <ul className="list-unstyled d-flex flex-wrap gap-3 mb-0">
        {formats.map(({ format, label, hint }) => (
          <li key={format}>
            <a className="btn btn-outline-primary" href={`/profile/export?format=${format}`} download>
              Download {label}
            </a>
            <div className="small text-body-secondary mt-1">{hint}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
