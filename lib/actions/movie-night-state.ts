import type { MovieNightPlan } from '@/lib/movie-night/plan';
import type { ActionState } from './state';

export const MIN_PEOPLE = 2;
export const MAX_PEOPLE = 6;
export const PERSON_SOURCES = ['mine', 'code', 'file'] as const;
export type PersonSource = (typeof PERSON_SOURCES)[number];

/** What the movie night form gets back: the people, and every candidate with each person's predicted rating. */
export interface MovieNightState extends ActionState {
  /** A problem with one person's profile, by their position in the form. */
  personErrors?: Record<number, string>;
  plan?: MovieNightPlan;
}
