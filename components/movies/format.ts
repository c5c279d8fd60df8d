/**
 * How titles and ratings read on the site. MovieLens titles end in "(1995)" and move a leading article to the
 * end ("Matrix, The (1999)"); pages show the year separately, so the title is shown without it.
 */
const TRAILING_YEAR = /\s*\(\d{4}(?:\s*[–-]\s*(?:\d{4})?)?\)\s*$/;
const MOVED_ARTICLE = /^(.+), (The|A|An)$/;

export function displayTitle(title: string): string {
  const bare = title.replace(TRAILING_YEAR, '');
  const moved = MOVED_ARTICLE.exec(bare);
  return moved ? `${moved[2]} ${moved[1]}` : bare || title;
}

export function formatStars(rating: number): string {
  return `${rating} ${rating === 1 ? 'star' : 'stars'}`;
}

export function formatMean(mean: number | null): string {
  return mean === null ? '–' : mean.toFixed(1);
}

export function formatCount(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

export function imdbUrl(imdbId: string): string {
  return `https://www.imdb.com/title/tt${imdbId}/`;
}

export function tmdbUrl(tmdbId: number): string {
  return `https://www.themoviedb.org/movie/${tmdbId}`;
}
