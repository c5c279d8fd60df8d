import type { ActionState } from './state';

/** What the restore form shows: the action's message and, once a file is read, what restoring it changes. */
export interface RestoreState extends ActionState {
  preview?: {
    ratings: { total: number; new: number; newer: number; olderOrSame: number };
    marks: { watchlist: number; hidden: number; unseen: number; new: number };
    /** The first few movie ids not in this catalogue (skipped); unknownCount counts them all. */
    unknownMovieIds: number[];
    unknownCount: number;
  };
}
