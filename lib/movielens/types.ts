/** Typed rows of a MovieLens release (ml-latest-small layout), validated and ready to load. */

export interface MovieRow {
  movieId: number;
  /** The title as released, without trailing spaces. */
  title: string;
  /** From a trailing "(1995)" (or the first year of "(2006–2007)"); null when the title has none. */
  year: number | null;
  /** "(no genres listed)" becomes []. */
  genres: string[];
}

export interface LinkRow {
  movieId: number;
  /** Digits as released, leading zeros kept ("0114709"); null when empty. */
  imdbId: string | null;
  tmdbId: number | null;
}

export interface RatingRow {
  userId: number;
  movieId: number;
  /** 0.5..5 in half steps. */
  rating: number;
  /** Seconds since 1970-01-01 UTC. */
  timestamp: number;
}

export interface TagRow {
  userId: number;
  movieId: number;
  tag: string;
  /** Seconds since 1970-01-01 UTC. */
  timestamp: number;
}

export interface MovieLensDataset {
  movies: MovieRow[];
  links: LinkRow[];
  ratings: RatingRow[];
  tags: TagRow[];
}

/** The four files of a MovieLens folder, in the order they are parsed and hashed. */
export const MOVIELENS_FILES = ['movies.csv', 'links.csv', 'ratings.csv', 'tags.csv'] as const;
export type MovieLensFile = (typeof MOVIELENS_FILES)[number];
