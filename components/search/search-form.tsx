/** The results page's own search box: a plain GET form, so a refined search is a new address (no JavaScript needed). */
export function SearchForm({ text }: { text: string }) {
  return (
    <form role="search" action="/search" method="get" className="d-flex gap-2" style={{ maxWidth: '40rem' }}>
      <label htmlFor="search-page-input" className="visually-hidden">
        Search titles and tags
      </label>
      <input
        id="search-page-input"
        name="q"
        type="search"
        className="form-control"
        defaultValue={text}
        maxLength={100}
        placeholder="A title or a tag, e.g. godfather part ii"
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="btn btn-primary">
        Search
      </button>
    </form>
  );
}
