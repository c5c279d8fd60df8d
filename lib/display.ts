/** One-line, human explanations of lib/recsys's structured ones. */
import type { Explanation } from '@/lib/recsys/types';

type TitleOf = (movieId: number) => string | undefined;

export function formatStars(rating: number): string {
  return `${Number.isInteger(rating) ? rating.toFixed(0) : rating.toFixed(1)}★`;
}

/** A title without its trailing "(1999)" year, and "Matrix, The" put back as "The Matrix". */
export function shortTitle(title: string): string {
  const bare = title.replace(/\s*\(\d{4}(?:[–-]\d{0,4})?\)\s*$/, '').trim();
  const article = /^(.*), (The|A|An|Les|La|Le|Il|Das|Der|Die|El)$/.exec(bare);
  return article ? `${article[2]} ${article[1]}` : bare;
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
      const closest = best ? ` (the closest, ${Math.round(best.similarity * 100)}% alike, gave it ${formatStars(best.rating)})` : '';
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
    const names = top.map((item) => shortTitle(titleOf(item.movieId) ?? `movie ${item.movieId}`));
    if (explanation.kind === 'ease' && names.length > 0) return `often watched by people who watched ${listTitles(names)}`;
    if (names.length > 0) return `because you rated ${listTitles(top.map((item) => ratedText(item, titleOf)))}`;
  }
  return 'text' in explanation && typeof explanation.text === 'string' ? explanation.text : '';
}

/** "The Matrix 5★"; a low rating that pushed a movie up reads "Alien only 2★" (disliking one thing says something too). */
function ratedText(item: { movieId: number; rating: number }, titleOf: TitleOf): string {
  const title = shortTitle(titleOf(item.movieId) ?? `movie ${item.movieId}`);
  return `${title} ${item.rating < 3 ? 'only ' : ''}${formatStars(item.rating)}`;
}
