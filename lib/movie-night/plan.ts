import 'server-only';
import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { listMoviesByIds } from '@/lib/data/movies';
import { listPopularMovies } from '@/lib/data/popular';
import { ExpectedError } from '@/lib/errors';
import { predictedRatingsFor, recommendFor } from '@/lib/recsys/engine';
import { PREDICTION_MIN_RATINGS } from '@/lib/recsys/model-specs';
import type { RatedMovie } from '@/lib/recsys/types';

/**
 * Movie night's candidates and each person's predicted rating of each (the group strategies then rank them, in
 * lib/recsys/group.ts, on the page, so switching strategy needs no round trip). Candidates: the union of each
 * person's top recommendations from the default model and the most-rated movies, minus every movie anyone has
 * rated or marked "not interested".
 */

export const PER_PERSON_CANDIDATES = 60;
export const POPULAR_CANDIDATES = 150;

export interface MovieNightPerson {
  name: string;
  ratings: readonly RatedMovie[];
  /** Movies marked "not interested" (none for a share code: it carries ratings only). */
  hidden: readonly number[];
}

export interface MovieNightPlan {
  people: {
    name: string;
    ratingCount: number;
    /** Too few ratings for a prediction: this person's column is each movie's MovieLens average. */
    estimated: boolean;
  }[];
  movies: {
    movieId: number;
    title: string;
    year: number | null;
    genres: string[];
    /** One per person, in `people` order, rounded to 0.1. */
    predictions: number[];
  }[];
}

export const MODELS_NOT_READY =
  'Predicted ratings are not ready yet: the models are still training. Please try again in a minute.';

export async function planMovieNight(
  db: Kysely<DB>,
  people: readonly MovieNightPerson[],
  options: { genre?: string } = {},
): Promise<MovieNightPlan> {
  const filter = options.genre ? { genre: options.genre } : {};
  const seen = new Set(
    people.flatMap((person) => [...person.ratings.map((r) => r.movieId), ...person.hidden]),
  );
  const exclude = [...seen];
  const lists = await Promise.all([
    ...people
      .filter((person) => person.ratings.length > 0)
      .map(async (person) =>
        (await recommendFor(person.ratings, { n: PER_PERSON_CANDIDATES, exclude, filter })).items.map(
          (item) => item.movieId,
        ),
      ),
    listPopularMovies(db, { n: POPULAR_CANDIDATES, exclude, filter }).then((rows) =>
      rows.map((row) => row.movieId),
    ),
  ]);
  const candidateIds = [...new Set(lists.flat())].filter((id) => !seen.has(id));
  const movies = await listMoviesByIds(db, candidateIds);
  const columns = people.map((person) => {
    if (person.ratings.length < PREDICTION_MIN_RATINGS) return null;
    const predicted = predictedRatingsFor(person.ratings, candidateIds);
    if (!predicted) throw new ExpectedError(MODELS_NOT_READY);
    return predicted;
  });
  const planned: MovieNightPlan['movies'] = [];
  for (const movie of movies) {
    const predictions = columns.map((column) =>
      column
        ? column.get(movie.id)
        : movie.meanRating === null
          ? undefined
          : Math.round(movie.meanRating * 10) / 10,
    );
    if (predictions.every((value): value is number => value !== undefined))
      planned.push({
        movieId: movie.id,
        title: movie.title,
        year: movie.year,
        genres: movie.genres,
        predictions,
      });
  }
  return {
    people: people.map((person, i) => ({
      name: person.name,
      ratingCount: person.ratings.length,
      estimated: columns[i] === null,
    })),
    movies: planned,
  };
}
