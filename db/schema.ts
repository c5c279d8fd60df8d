import type { ColumnType, Generated } from 'kysely';

/**
 * Table and row types for Kysely. snake_case as in SQL; lib/data maps rows to camelCase domain objects.
 * Keep in step with db/migrations (a migration never imports these types).
 */

/** MovieLens users keep their ids (1..610); site visitors get ids from `visitor_id_seq` (from 1,000,000). */
export type UserKind = 'movielens' | 'visitor';

export interface UsersTable {
  id: Generated<number>;
  kind: UserKind;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  /** A visitor's browser claim (see lib/session.ts): one profile per claim. */
  claim: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the visitor's newest cookie was issued (lib/session.ts); null before the first, or for older profiles. */
  token_issued_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface MoviesTable {
  id: number;
  title: string;
  /** Release year parsed from a trailing "(1995)" in the title; null when the title has none. */
  year: number | null;
  /** MovieLens genres; "(no genres listed)" is stored as an empty array. */
  genres: string[];
}

export interface LinksTable {
  movie_id: number;
  /** IMDb id as released, digits with leading zeros kept ("0114709" -> tt0114709). */
  imdb_id: string | null;
  tmdb_id: number | null;
}

export interface RatingsTable {
  user_id: number;
  movie_id: number;
  /** 0.5..5.0 in half steps (CHECK constraint). */
  rating: number;
  rated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TagsTable {
  id: Generated<number>;
  user_id: number;
  movie_id: number;
  tag: string;
  tagged_at: ColumnType<Date, Date | string, Date | string>;
}

/** One row per dataset import: what was loaded and a content hash that versions trained models. */
export interface DatasetImportsTable {
  id: Generated<number>;
  source: string;
  /** sha256 over the imported CSV files; models are keyed by it. */
  data_version: string;
  movies: number;
  links: number;
  ratings: number;
  tags: number;
  users: number;
  imported_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A fitted model's serialised factors, keyed by the data version it was trained on and its parameters. */
/** One part of a stored model's payload, in order of `part` (db/migrations/2026-12-02-0010-model-parts.ts). */
export interface TrainedModelPartsTable {
  data_version: string;
  algorithm: string;
  params_key: string;
  part: number;
  bytes: Uint8Array;
}

export interface TrainedModelsTable {
  data_version: string;
  algorithm: string;
  /** Canonical JSON of the fit parameters (e.g. {"fill":"masked","rank":20}). */
  params_key: string;
  /** The payload's size; the bytes are in trained_model_parts. */
  bytes: ColumnType<number, number | undefined, number>;
  /** How long the fit took, in milliseconds. */
  fit_ms: ColumnType<number, number | undefined, number>;
  trained_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** What a visitor can mark a movie with, besides a rating (lib/data/movie-marks.ts says what each means). */
export type MovieMark = 'hidden' | 'watchlist' | 'unseen';

/** A visitor's mark on a movie: "not interested", "want to watch" or "haven't seen it". */
export interface MovieMarksTable {
  user_id: number;
  movie_id: number;
  mark: MovieMark;
  marked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Which app instance is fitting the models of a data version, until when (lib/recsys/engine). */
export interface ModelTrainingLeasesTable {
  data_version: string;
  owner: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** A visitor's rating of a movie that an import removed; moved back to ratings if the movie returns. */
export interface ArchivedRatingsTable {
  user_id: number;
  movie_id: number;
  rating: number;
  rated_at: ColumnType<Date, Date | string, Date | string>;
  archived_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A visitor's mark on a movie that an import removed; moved back to movie_marks if the movie returns. */
export interface ArchivedMovieMarksTable {
  user_id: number;
  movie_id: number;
  mark: MovieMark;
  marked_at: ColumnType<Date, Date | string, Date | string>;
  archived_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A frozen copy of ratings a visitor chose to share, found by its code (lib/data/share-codes.ts). */
export interface ShareCodesTable {
  code: string;
  owner_id: number;
  /** JSON array of {movieId, rating}: nothing else of the owner's profile. */
  ratings: ColumnType<{ movieId: number; rating: number }[], string, string>;
  rating_count: number;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DB {
  users: UsersTable;
  movies: MoviesTable;
  links: LinksTable;
  ratings: RatingsTable;
  tags: TagsTable;
  dataset_imports: DatasetImportsTable;
  movie_marks: MovieMarksTable;
  trained_models: TrainedModelsTable;
  trained_model_parts: TrainedModelPartsTable;
  model_training_leases: ModelTrainingLeasesTable;
  archived_ratings: ArchivedRatingsTable;
  archived_movie_marks: ArchivedMovieMarksTable;
  share_codes: ShareCodesTable;
}
