/**
 * The persona suite: a few coherent tastes (personas-data.ts) run through any Recommender, read the way a
 * person reads a list (STYLE.md §10). Per persona: the share of the top n in its liked genres, the median
 * number of ratings of what is recommended (a list of 3-rating curiosities is as wrong as the same ten
 * blockbusters for everyone), and how many explanations cite a movie the persona rated below 3 as a reason.
 * Per pair of opposite personas: how many movies their top n share.
 * Pure: movie metadata (genres, rating counts) is passed in.
 */
import { median } from './matrix';
import { OPPOSITE_PERSONAS, PERSONAS, type Persona } from './personas-data';

export type { Persona } from './personas-data';
import type { Explanation, RatedMovie, Recommender, RecommendOptions } from './types';

export interface MovieMeta {
  genres: readonly string[];
  ratingCount: number;
}

export interface PersonaResult {
  personaId: string;
  /** The top n movie ids, best first. */
  top: number[];
  likedShare: number;
  medianRatingCount: number;
  /** Explanation items with a positive contribution naming a movie the persona rated below 3. */
  dislikedReasons: number;
}

export interface PersonaReport {
  personas: PersonaResult[];
  opposites: { a: string; b: string; shared: number }[];
  /** Lowest liked-genre share among single-genre personas. */
  minLikedShare: number;
  meanLikedShare: number;
  maxOppositeShared: number;
  /** Median of the per-persona median rating counts. */
  medianRatingCount: number;
  dislikedReasons: number;
}

/** A rating below this is a dislike: never a reason to recommend. */
export const DISLIKED_BELOW = 3;

/** The movies an explanation gives as reasons with a positive contribution (kinds with `because` lists). */
export function explanationReasons(explanation: Explanation): number[] {
  const because = (explanation as { because?: unknown }).because;
  if (!Array.isArray(because)) return [];
  return (because as { movieId: number; contribution?: number }[])
    .filter((b) => (b.contribution ?? 1) > 0)
    .map((b) => b.movieId);
}

/** Runs every persona through `rec` (top n, default 12) and scores the lists. O(personas · recommend). */
export function runPersonas(
  rec: Recommender,
  movies: ReadonlyMap<number, MovieMeta>,
  {
    personas = PERSONAS,
    opposites = OPPOSITE_PERSONAS,
    n = 12,
    options = {},
    candidateFilter,
  }: {
    personas?: readonly Persona[];
    opposites?: readonly (readonly [string, string])[];
    n?: number;
    options?: Omit<RecommendOptions, 'n'>;
    /** A recommend-time filter built per profile (e.g. candidates.ts's neighbourhoodFilter); replaces options.filter. */
    candidateFilter?: (profile: readonly RatedMovie[]) => (movieId: number) => boolean;
  } = {},
): PersonaReport {
  const results = personas.map((persona): PersonaResult => {
    const profile = persona.ratings.map(({ movieId, rating }) => ({ movieId, rating }));
    const disliked = new Set(persona.ratings.filter((r) => r.rating < DISLIKED_BELOW).map((r) => r.movieId));
    const recs = rec.recommend(profile, {
      ...options,
      ...(candidateFilter ? { filter: candidateFilter(profile) } : {}),
      n,
    });
    const liked = new Set(persona.likedGenres);
    const top = recs.map((r) => r.movieId);
    const inLiked = top.filter((id) => (movies.get(id)?.genres ?? []).some((g) => liked.has(g))).length;
    const dislikedReasons = recs.reduce(
      (s, r) => s + explanationReasons(r.explanation).filter((id) => disliked.has(id)).length,
      0,
    );
    return {
      personaId: persona.id,
      top,
      likedShare: top.length ? inLiked / top.length : 0,
      medianRatingCount: top.length
        ? median(Float64Array.from(top, (id) => movies.get(id)?.ratingCount ?? 0))
        : 0,
      dislikedReasons,
    };
  });
  const byId = new Map(results.map((r) => [r.personaId, r]));
  const pairs = opposites.map(([a, b]) => {
    const ta = byId.get(a);
    const tb = byId.get(b);
    if (!ta || !tb) throw new RangeError(`personas: unknown persona in opposite pair ${a} / ${b}`);
    const set = new Set(ta.top);
    return { a, b, shared: tb.top.filter((id) => set.has(id)).length };
  });
  const single = results.filter((_, i) => personas[i]?.singleGenre);
  return {
    personas: results,
    opposites: pairs,
    minLikedShare: single.length ? Math.min(...single.map((r) => r.likedShare)) : 0,
    meanLikedShare: single.length ? single.reduce((s, r) => s + r.likedShare, 0) / single.length : 0,
    maxOppositeShared: pairs.length ? Math.max(...pairs.map((p) => p.shared)) : 0,
    medianRatingCount: median(Float64Array.from(results, (r) => r.medianRatingCount)),
    dislikedReasons: results.reduce((s, r) => s + r.dislikedReasons, 0),
  };
}
