/**
 * The MovieLens rating scale, one rule for the whole project: 0.5 to 5 stars in half steps. The import, the forms,
 * the JSON API, the CLIs and lib/recsys all check or clamp against it (the database's CHECK constraint, written in
 * the first migration, says the same in SQL).
 */
export const MIN_RATING = 0.5;
export const MAX_RATING = 5;
export const RATING_STEP = 0.5;
/** "0.5 to 5 in half steps": how messages describe the scale. */
export const RATING_SCALE_TEXT = `${MIN_RATING} to ${MAX_RATING} in half steps`;

/** Every value a rating can take, lowest first (0.5, 1, … 5). */
export const RATING_VALUES: readonly number[] = Array.from(
  { length: Math.round((MAX_RATING - MIN_RATING) / RATING_STEP) + 1 },
  (_, i) => MIN_RATING + i * RATING_STEP,
);

export function isRatingValue(value: number): boolean {
  return (
    Number.isFinite(value) &&
    value >= MIN_RATING &&
    value <= MAX_RATING &&
    Number.isInteger(value / RATING_STEP)
  );
}

/** A prediction brought onto the scale (not rounded to a step). */
export function clampRating(value: number): number {
  return Math.min(MAX_RATING, Math.max(MIN_RATING, value));
}

/** The nearest value of the scale. */
export function roundToScale(value: number): number {
  return clampRating(Math.round(value / RATING_STEP) * RATING_STEP);
}
