/**
 * How movies, ratings and explanations read, everywhere: pages, explanations and the CLI use this one module.
 * MovieLens titles end in "(1995)" (or "(1993–1998)") and move a leading article to the end ("Matrix, The (1999)",
 * "Haine, La (1995)"); pages show the year separately, so a title is shown without it and with its article in front.
 */
import type { Explanation } from '@/lib/recsys/types';

type TitleOf = (movieId: number) => string | undefined;

/** The leading articles MovieLens moves behind a comma (English, French, Italian, Spanish, German). */
export const MOVED_ARTICLES = ['The', 'A', 'An', 'La', 'Le', 'Les', "L'", 'Il', 'El', 'Los', 'Las', 'Der', 'Die', 'Das'] as const;

const TRAILING_YEAR = /\s*\(\d{4}(?:\s*[–-]\s*(?:\d{4})?)?\)\s*$/;
const MOVED_ARTICLE = new RegExp(`^(.+), (${MOVED_ARTICLES.join('|')})$`);

/** "Matrix, The (1999)" → "The Matrix"; "Avventura, L' (1960)" → "L'Avventura". */
export function displayTitle(title: string): string {
  const bare = title.replace(TRAILING_YEAR, '').trim();
  const moved = MOVED_ARTICLE.exec(bare);
  if (!moved) return bare || title;
  const [, rest, article] = moved as unknown as [string, string, string];
  return article.endsWith("'") ? `${article}${rest}` : `${article} ${rest}`;
}

/** "4.5★", "5★": a rating in a sentence or on a card. */
export function starsText(rating: number): string {
  return `${Number.isInteger(rating) ? rating.toFixed(0) : rating.toFixed(1)}★`;
}

/** "4.5 stars", "1 star": a rating read out (aria labels). */
export function spokenStars(rating: number): string {
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

function listTitles(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "because you rated The Matrix 5★ and Alien 4.5★", "liked by 7 users with tastes like yours", … */
export function explanationText(explanation: Explanation, titleOf: TitleOf): string {
  switch (explanation.kind) {
    case 'nmf': {
      const because = (explanation as Extract<Explanation, { kind: 'nmf' }>).because
        .filter((item) => item.contribution > 0)
        .slice(0, 2)
        .map((item) => ratedText(item, titleOf));
      return because.length > 0 ? `because you rated ${listTitles(because)}` : 'fits the tastes your ratings suggest';
    }
    case 'cosine': {
      const { supporters, neighbours } = explanation as Extract<Explanation, { kind: 'cosine' }>;
      const people = supporters === 1 ? '1 user' : `${supporters} users`;
      const best = neighbours[0];
      const closest = best ? ` (the closest, ${Math.round(best.similarity * 100)}% alike, gave it ${starsText(best.rating)})` : '';
      return `liked by ${people} with tastes like yours${closest}`;
    }
    case 'popular': {
      const { ratingCount, meanRating } = explanation as Extract<Explanation, { kind: 'popular' }>;
      return `rated ${meanRating.toFixed(1)}★ on average by ${ratingCount} MovieLens users`;
    }
    default:
      return otherText(explanation, titleOf);
  }
}

/** Explanations of the extra algorithms: EASE ("watched together") and biased MF both list the rated movies behind a score. */
function otherText(explanation: Explanation, titleOf: TitleOf): string {
  const because = (explanation as { because?: unknown }).because;
  if (Array.isArray(because)) {
    const top = (because as { movieId: number; rating: number; contribution: number }[]).filter((item) => item.contribution > 0).slice(0, 2);
    const names = top.map((item) => displayTitle(titleOf(item.movieId) ?? `movie ${item.movieId}`));
    if (explanation.kind === 'ease' && names.length > 0) return `often watched by people who watched ${listTitles(names)}`;
    if (names.length > 0) return `because you rated ${listTitles(top.map((item) => ratedText(item, titleOf)))}`;
  }
  return 'text' in explanation && typeof explanation.text === 'string' ? explanation.text : '';
}

/** "The Matrix 5★"; a low rating that pushed a movie up reads "Alien only 2★" (disliking one thing says something too). */
function ratedText(item: { movieId: number; rating: number }, titleOf: TitleOf): string {
  const title = displayTitle(titleOf(item.movieId) ?? `movie ${item.movieId}`);
  return `${title} ${item.rating < 3 ? 'only ' : ''}${starsText(item.rating)}`;
}
