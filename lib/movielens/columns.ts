import path from 'node:path';
import type { MovieLensFiles } from './layouts';
import { ratingBatches } from './parse';

/** Ratings as parallel typed arrays (what lib/recsys fits on): 16 bytes a rating instead of an object. */
export interface RatingColumnArrays {
  userIds: Int32Array;
  movieIds: Int32Array;
  ratings: Float32Array;
  timestamps: Float64Array;
}

/**
 * Reads a ratings.csv (userId,movieId,rating,timestamp) with the import's reader, validated the same way (file,
 * line and reason on the first bad row; duplicates of a sorted file), into typed columns that grow by doubling.
 * Movie ids are checked against `movieIds` when given. For the CLIs (train/test files of scripts/evaluate.ts).
 */
export function readRatingColumns(file: string, movieIds?: ReadonlySet<number>): RatingColumnArrays {
  const input = { name: path.basename(file), path: file };
  const files: MovieLensFiles = {
    dir: path.dirname(file),
    layout: 'ml-latest',
    inputs: [input],
    movies: { name: 'movies.csv', content: '' },
    ratings: input,
  };
  let out: RatingColumnArrays = {
    userIds: new Int32Array(1024),
    movieIds: new Int32Array(1024),
    ratings: new Float32Array(1024),
    timestamps: new Float64Array(1024),
  };
  let n = 0;
  for (const batch of ratingBatches(files, movieIds ?? null)) {
    if (n + batch.length > out.userIds.length)
      out = grow(out, Math.max(out.userIds.length * 2, n + batch.length));
    for (const row of batch) {
      out.userIds[n] = row.userId;
      out.movieIds[n] = row.movieId;
      out.ratings[n] = row.rating;
      out.timestamps[n] = row.timestamp;
      n++;
    }
  }
  return {
    userIds: out.userIds.slice(0, n),
    movieIds: out.movieIds.slice(0, n),
    ratings: out.ratings.slice(0, n),
    timestamps: out.timestamps.slice(0, n),
  };
}

function grow(columns: RatingColumnArrays, size: number): RatingColumnArrays {
  const copy = <T extends Int32Array | Float32Array | Float64Array>(from: T, to: T): T => {
    to.set(from);
    return to;
  };
  return {
    userIds: copy(columns.userIds, new Int32Array(size)),
    movieIds: copy(columns.movieIds, new Int32Array(size)),
    ratings: copy(columns.ratings, new Float32Array(size)),
    timestamps: copy(columns.timestamps, new Float64Array(size)),
  };
}
