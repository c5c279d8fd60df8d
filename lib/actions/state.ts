/** What every visitor action returns; clients show `message` in an aria-live region. */
export interface ActionState {
  status: 'idle' | 'saved' | 'error';
  message: string;
  /** Per-field problems for the form ("movieId", "rating"). */
  fieldErrors?: Partial<Record<string, string[]>>;
  /** Rating actions: the rating now stored for the movie (null = none). */
  rating?: number | null;
}

export const idleState: ActionState = { status: 'idle', message: '' };

export const NOT_SAVED = 'Not saved: we could not reach the database. Please try again.';
