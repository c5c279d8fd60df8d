/**
 * Group recommendation (movie night, issue 10): from each person's predicted rating of each candidate movie, one
 * ranking for the group under a chosen strategy (Masthoff's classic aggregation strategies):
 * - `average`: the mean of the predictions;
 * - `average-without-misery`: movies anyone is predicted below `miseryThreshold` are dropped, the rest by the mean;
 * - `least-misery`: the lowest prediction, so the pick is the one the least keen person likes most.
 * Ties go to the higher mean, then the lower movie id, so a ranking is the same run to run.
 */
import { MAX_RATING, MIN_RATING } from '@/lib/rating-scale';

export const GROUP_STRATEGIES = ['average', 'average-without-misery', 'least-misery'] as const;
export type GroupStrategy = (typeof GROUP_STRATEGIES)[number];
export const DEFAULT_MISERY_THRESHOLD = 2.5;

export interface GroupCandidate {
  movieId: number;
  /** One predicted rating per person, in the group's order. */
  predictions: readonly number[];
}

export interface GroupOptions {
  strategy: GroupStrategy;
  /** Below this, a person would be miserable (average-without-misery only). Default 2.5★. */
  miseryThreshold?: number;
  /** How many picks to return (default all that qualify). */
  n?: number;
}

export interface GroupPick {
  movieId: number;
  /** The strategy's score (a mean or a minimum, on the rating scale). */
  score: number;
  mean: number;
  min: number;
  max: number;
  /** Index of the person with the highest prediction (the first of equals). */
  keenest: number;
  /** Index of the person with the lowest prediction (the first of equals). */
  leastKeen: number;
}

function summarise(candidate: GroupCandidate): Omit<GroupPick, 'score'> {
  const { predictions } = candidate;
  let sum = 0;
  let keenest = 0;
  let leastKeen = 0;
  predictions.forEach((value, i) => {
    sum += value;
    if (value > (predictions[keenest] as number)) keenest = i;
    if (value < (predictions[leastKeen] as number)) leastKeen = i;
  });
  return {
    movieId: candidate.movieId,
    mean: sum / predictions.length,
    min: predictions[leastKeen] as number,
    max: predictions[keenest] as number,
    keenest,
    leastKeen,
  };
}

/**
 * Ranks candidates for a group. O(c·p + c log c) for c candidates and p people.
 * @throws RangeError for an empty group, candidates with different numbers of predictions, a prediction or a
 * threshold off the rating scale, or an unknown strategy.
 */
export function rankForGroup(candidates: readonly GroupCandidate[], options: GroupOptions): GroupPick[] {
  const { strategy, miseryThreshold = DEFAULT_MISERY_THRESHOLD, n = Infinity } = options;
  if (!GROUP_STRATEGIES.includes(strategy))
    throw new RangeError(`unknown group strategy: ${String(strategy)}`);
  if (!(miseryThreshold >= MIN_RATING && miseryThreshold <= MAX_RATING))
    throw new RangeError(
      `miseryThreshold must be within ${MIN_RATING}..${MAX_RATING}, got ${miseryThreshold}`,
    );
  const people = candidates[0]?.predictions.length ?? 1;
  if (people === 0) throw new RangeError('a group needs at least one person');
  const picks: GroupPick[] = [];
  for (const candidate of candidates) {
    if (candidate.predictions.length !== people)
      throw new RangeError(
        `movie ${candidate.movieId} has ${candidate.predictions.length} predictions, expected ${people}`,
      );
    if (candidate.predictions.some((value) => !(value >= MIN_RATING - 1e-9 && value <= MAX_RATING + 1e-9)))
      throw new RangeError(`movie ${candidate.movieId} has a prediction off the rating scale`);
    const summary = summarise(candidate);
    if (strategy === 'average-without-misery' && summary.min < miseryThreshold) continue;
    picks.push({ ...summary, score: strategy === 'least-misery' ? summary.min : summary.mean });
  }
  picks.sort((a, b) => b.score - a.score || b.mean - a.mean || a.movieId - b.movieId);
  return Number.isFinite(n) ? picks.slice(0, n) : picks;
}
