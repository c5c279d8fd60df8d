/**
 * How movies, ratings and explanations read, everywhere: pages, explanations and the CLI use this one module.
 * MovieLens titles end in "(1995)" (or "(1993–1998)") and move a leading article to the end ("Matrix, The (1999)",
 * "Haine, La (1995)"); pages show the year separately, so a title is shown without it and with its article in front.
 */
import type { Explanation } from '@/lib/recsys/types';

type TitleOf = (movieId: number) => string | undefined;

/** The leading articles MovieLens moves behind a comma (English, French, Italian, Spanish, German). */
export const MOVED_ARTICLES = [
  'The',
  'A',
  'An',
  'La',
  'Le',
  'Les',
  "L'",
  'Il',
  'El',
  'Los',
  'Las',
  'Der',
  'Die',
  'Das',
] as const;

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

/** The page of the movies carrying a MovieLens tag. */
export function tagPath(tag: string): string {
  // Dots too: a tag ".." must not read as a path step.
  return `/tags/${encodeURIComponent(tag).replace(/\./g, '%2E')}`;
}

/** The full search results for `text` (page 1 unless given). */
export function searchPath(text: string, page = 1): string {
  return `/search?q=${encodeURIComponent(text)}${page > 1 ? `&page=${page}` : ''}`;
}

function listTitles(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

interface RatedReason {
  movieId: number;
  rating: number;
  contribution: number;
}

/**
 * One line for a structured explanation. Every model that cites the visitor's own movies reads the same way,
 * "because you liked Toy Story (5★) and Up (4.5★)", citing only liked movies (lib/recsys puts those in `because`);
 * a disliked movie that lifted the score more than any of them follows as a side note ("· and you disliked Saw (1★)").
 * Similar users read "liked by 12 people with tastes like yours who rated it 4★ or more".
 */
export function explanationText(explanation: Explanation, titleOf: TitleOf): string {
  switch (explanation.kind) {
    case 'cosine': {
      const { supporters } = explanation as Extract<Explanation, { kind: 'cosine' }>;
      if (supporters === 0) return 'rated by people with tastes like yours';
      const people = supporters === 1 ? '1 person' : `${supporters} people`;
      return `liked by ${people} with tastes like yours who rated it 4★ or more`;
    }
    case 'popular': {
      const { ratingCount, meanRating } = explanation as Extract<Explanation, { kind: 'popular' }>;
      return `rated ${meanRating.toFixed(1)}★ on average by ${ratingCount} MovieLens users`;
    }
    default:
      return becauseText(explanation, titleOf);
  }
}

function becauseText(explanation: Explanation, titleOf: TitleOf): string {
  const { because, disliked } = explanation as { because?: RatedReason[]; disliked?: RatedReason[] };
  if (Array.isArray(because)) {
    const liked = because.filter((item) => item.contribution > 0).slice(0, 2);
    if (liked.length === 0) return 'fits the tastes your ratings suggest';
    // Only a dislike that lifted the score more than any cited liked movie is worth the reader's attention: read on
    // every NMF card, "and you disliked Saw" under Toy Story 3 was noise.
    const strongest = Math.max(...liked.map((item) => item.contribution));
    const aside = (disliked ?? []).filter((item) => item.contribution > strongest).slice(0, 1);
    const note = aside.length > 0 ? ` · and you disliked ${ratedText(aside[0] as RatedReason, titleOf)}` : '';
    return `because you liked ${listTitles(liked.map((item) => ratedText(item, titleOf)))}${note}`;
  }
  return 'text' in explanation && typeof explanation.text === 'string' ? explanation.text : '';
}

/** "The Matrix (5★)". */
function ratedText(item: { movieId: number; rating: number }, titleOf: TitleOf): string {
  return `${displayTitle(titleOf(item.movieId) ?? `movie ${item.movieId}`)} (${starsText(item.rating)})`;
}
