/**
 * Recommendations for a profile given at request time (fold-in: a visitor's ratings never need a retrain),
 * with the fallbacks the site promises: popular movies for an empty profile, while models train, or when a
 * model failed; straight from SQL when nothing is in memory.
 */
import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import type { MovieSummary } from '@/lib/data/movies';
import { listPopularMovies } from '@/lib/data/popular';
import { neighbourhoodFilter } from '@/lib/recsys/candidates';
import { similarMoviesFrom } from '@/lib/recsys/item-similarity';
import type { Explanation, RatedMovie, Recommendation } from '@/lib/recsys/types';
import type { MovieFilter } from '@/lib/movie-filter';
import { movieFilter, type Catalog, type CatalogEntry } from './catalog';
import type { Engine } from './engine';
import { explanationText } from '@/lib/display';
import { predictRatingsWithEngine } from './predict';
import { DEFAULT_MODEL_KEY, modelSpecByKey, type ModelSpec } from '@/lib/recsys/model-specs';

export interface RecommendForOptions {
  /** A key from MODEL_SPECS (e.g. 'nmf-movie-median'); unknown keys get the default model. */
  model?: string;
  n?: number;
  /** Movie ids never to return (the profile's own movies are always excluded). */
  exclude?: readonly number[];
  filter?: MovieFilter;
}

/** A movie of a list: its summary (MovieLens ratings only), keyed by movieId, and why it is there. */
export interface RecommendedMovie extends Omit<MovieSummary, 'id'> {
  movieId: number;
  /** The list's ranking score: comparable within one list only, never shown as a rating. */
  score: number;
  /** The visitor's predicted rating (predict.ts): null below PREDICTION_MIN_RATINGS ratings or while training. */
  predictedRating: number | null;
  explanation: Explanation;
  /** The explanation in one line. */
  reason: string;
}

/** Why the list is not what was asked for: shown as a notice above it. */
export type FallbackReason = 'empty-profile' | 'training' | 'model-failed' | 'not-started';

export interface RecommendationResult {
  /** The model asked for. */
  requested: ModelSpec;
  /** The model that produced the list ('popular' when falling back). */
  served: ModelSpec;
  fallback: FallbackReason | null;
  items: RecommendedMovie[];
}

const POPULAR = modelSpecByKey('popular') as ModelSpec;

export async function recommendWithEngine(
  engine: Engine | null,
  db: Kysely<DB>,
  profile: readonly RatedMovie[],
  options: RecommendForOptions = {},
): Promise<RecommendationResult> {
  const requested =
    modelSpecByKey(options.model ?? DEFAULT_MODEL_KEY) ?? (modelSpecByKey(DEFAULT_MODEL_KEY) as ModelSpec);
  const { n = 20, exclude = [], filter = {} } = options;
  const catalog = engine?.catalog ?? null;
  const fallback: FallbackReason | null =
    requested.key === 'popular'
      ? null
      : profile.length === 0
        ? 'empty-profile'
        : engine?.recommender(requested.key)
          ? null
          : engine?.status === 'training'
            ? 'training'
            : engine?.status === 'ready' || engine?.status === 'failed'
              ? 'model-failed'
              : 'not-started';
  const served = fallback ? POPULAR : requested;
  const loaded = engine?.recommender(served.key);
  if (loaded && catalog) {
    const recommendations = loaded.recommender.recommend(profile, {
      n,
      exclude,
      filter: candidateFilter(engine, served, profile, catalog, filter),
    });
    const predicted = predictRatingsWithEngine(
      engine,
      profile,
      recommendations.map((rec) => rec.movieId),
    );
    return { requested, served, fallback, items: enrich(recommendations, catalog, predicted) };
  }
  // Nothing in memory: the popular list straight from SQL, ranked like the popular model (by count).
  const rows = await listPopularMovies(db, {
    n,
    exclude: [...exclude, ...profile.map((rated) => rated.movieId)],
    filter,
  });
  const predicted = predictRatingsWithEngine(
    engine,
    profile,
    rows.map((row) => row.movieId),
  );
  const items = rows.map((row): RecommendedMovie => {
    const explanation: Explanation = {
      kind: 'popular',
      ratingCount: row.ratingCount,
      meanRating: row.meanRating,
    };
    return {
      ...row,
      score: row.ratingCount,
      predictedRating: predicted?.get(row.movieId) ?? null,
      explanation,
      reason: explanationText(explanation, () => undefined),
    };
  });
  return { requested, served: POPULAR, fallback, items };
}

/** The page's filter, and the spec's candidate rule (lib/recsys/candidates.ts) when it has one. */
function candidateFilter(
  engine: Engine | null,
  spec: ModelSpec,
  profile: readonly RatedMovie[],
  catalog: Catalog,
  filter: MovieFilter,
): ((movieId: number) => boolean) | undefined {
  const byFilter = movieFilter(catalog, filter);
  const matrix = engine?.matrix;
  // The engine's own spec of the model (tests give the engine specs sized for their fixtures).
  const candidates = (engine?.models.get(spec.key)?.spec ?? spec).candidates;
  if (!candidates || !matrix) return byFilter;
  const near = neighbourhoodFilter(matrix, profile, {
    candidates: candidates.size,
    minRatings: candidates.minRatings,
  });
  return byFilter ? (movieId) => near(movieId) && byFilter(movieId) : near;
}

function enrich(
  recommendations: readonly Recommendation[],
  catalog: Catalog,
  predicted: Map<number, number> | null,
): RecommendedMovie[] {
  const titleOf = (movieId: number) => catalog.get(movieId)?.title;
  return recommendations.flatMap((rec) => {
    const movie: CatalogEntry | undefined = catalog.get(rec.movieId);
    if (!movie) return [];
    return [
      {
        movieId: movie.id,
        title: movie.title,
        year: movie.year,
        genres: movie.genres,
        imdbId: movie.imdbId,
        tmdbId: movie.tmdbId,
        ratingCount: movie.ratingCount,
        meanRating: movie.meanRating,
        score: rec.score,
        // The one honest prediction, whatever model ranked the list (its own score is not a rating).
        predictedRating: predicted?.get(rec.movieId) ?? null,
        explanation: rec.explanation,
        reason: explanationText(rec.explanation, titleOf),
      },
    ];
  });
}

/** A movie that enough people rated to be a recognisable suggestion (among a movie's nearest neighbours). */
export const FAMILIAR_RATINGS = 20;

export interface SimilarMovie {
  movie: CatalogEntry;
  /** The item–item model's similarity in [0, 1] (lib/recsys/item-similarity.ts): the phi correlation of liking. */
  similarity: number;
}

/**
 * Movies like `movieId`, from the item–item model of taste (people who liked one liked the other): the nearest
 * that at least FAMILIAR_RATINGS people rated first, then the rest; empty until the model is fitted.
 */
export function similarMoviesWithEngine(engine: Engine | null, movieId: number, n = 10): SimilarMovie[] {
  const catalog = engine?.catalog;
  const model = engine?.itemSimilarity;
  if (!catalog || !model) return [];
  const nearest = similarMoviesFrom(model, movieId, model.k).flatMap(({ movieId: id, similarity }) => {
    const movie = catalog.get(id);
    return movie ? [{ movie, similarity }] : [];
  });
  const familiar = nearest.filter(({ movie }) => movie.ratingCount >= FAMILIAR_RATINGS);
  const rare = nearest.filter(({ movie }) => movie.ratingCount < FAMILIAR_RATINGS);
  return [...familiar, ...rare].slice(0, n);
}
