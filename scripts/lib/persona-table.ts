/** `npm run evaluate -- --personas`: the persona suite (lib/recsys/personas.ts) over every model, fitted on all ratings as the site does. */
import type { FitOptions, RatingMatrix } from '../../lib/recsys/index';
import { createRecommender, fitModel } from '../../lib/recsys/index';
import { minRatingsFilter, neighbourhoodFilter } from '../../lib/recsys/candidates';
import { runPersonas, type MovieMeta, type PersonaReport } from '../../lib/recsys/personas';
import type { RatedMovie } from '../../lib/recsys/types';
import { UsageError } from './run-script';
import { PERSONAS } from '../../lib/recsys/personas-data';
import { readMoviesCsv } from './recsys-data';

/** Genres and rating counts of every movie in movies.csv (count 0 for a movie nobody rated). */
export function movieMeta(moviesCsv: string, mat: RatingMatrix): Map<number, MovieMeta> {
  const counts = new Map<number, number>();
  for (let j = 0; j < mat.movies; j++)
    counts.set(mat.movieIds[j] as number, (mat.colPtr[j + 1] as number) - (mat.colPtr[j] as number));
  const out = new Map<number, MovieMeta>();
  for (const [id, { genres }] of readMoviesCsv(moviesCsv))
    out.set(id, { genres: genres.split('|'), ratingCount: counts.get(id) ?? 0 });
  return out;
}

export const PERSONA_HEADER = [
  'algorithm',
  'params',
  'filter',
  'liked mean',
  'liked min',
  'opp. shared max',
  'opp. shared mean',
  'median #ratings',
  'disliked reasons',
].join('\t');

function row(label: string, params: string, filter: string, r: PersonaReport): string {
  const meanShared = r.opposites.reduce((s, p) => s + p.shared, 0) / Math.max(r.opposites.length, 1);
  return [
    label,
    params,
    filter,
    r.meanLikedShare.toFixed(2),
    r.minLikedShare.toFixed(2),
    r.maxOppositeShared,
    meanShared.toFixed(1),
    r.medianRatingCount,
    r.dislikedReasons,
  ].join('\t');
}

/** A candidate filter as the CLI names it: 'none', 'min<N>' (≥ N ratings) or 'nbhd<K>' (K co-rated movies with ≥ 20 ratings). */
export function candidateFilterFor(
  spec: string,
  mat: RatingMatrix,
  meta: Map<number, MovieMeta>,
): ((profile: readonly RatedMovie[]) => (movieId: number) => boolean) | undefined {
  const m = /^(none|min|nbhd)(\d*)$/.exec(spec);
  if (!m || (m[1] !== 'none') !== (m[2] !== ''))
    throw new UsageError(`--candidate-filter takes none, min<N> or nbhd<K> (got '${spec}')`);
  const k = Number(m[2]);
  if (m[1] === 'min') return () => minRatingsFilter((id) => meta.get(id)?.ratingCount ?? 0, k);
  if (m[1] === 'nbhd') return (profile) => neighbourhoodFilter(mat, profile, { candidates: k });
  return undefined;
}

/**
 * One table row per model and candidate filter (see candidateFilterFor). `lists` also prints each
 * persona's top movie ids with their rating counts, for reading.
 */
export function personaTable(
  runs: FitOptions[],
  mat: RatingMatrix,
  meta: Map<number, MovieMeta>,
  {
    filters = ['none'],
    json = false,
    lists = false,
  }: { filters?: string[]; json?: boolean; lists?: boolean },
): void {
  const built = filters.map((f) => [f, candidateFilterFor(f, mat, meta)] as const);
  if (!json) console.log(PERSONA_HEADER);
  for (const options of runs) {
    console.error(`fitting ${JSON.stringify(options)} on all ratings…`);
    const rec = createRecommender(fitModel(mat, options));
    const params = Object.entries(rec.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    for (const [spec, candidateFilter] of built) {
      const report = runPersonas(rec, meta, { candidateFilter });
      if (json)
        console.log(
          JSON.stringify({ algorithm: rec.algorithm, params: rec.params, candidateFilter: spec, ...report }),
        );
      else console.log(row(rec.algorithm, params, spec, report));
      if (lists && !json) {
        for (const p of report.personas) {
          const label = PERSONAS.find((x) => x.id === p.personaId)?.label ?? p.personaId;
          console.log(
            `  ${p.personaId} (${label}): ${p.top.map((id) => `${id}[${meta.get(id)?.ratingCount ?? 0}]`).join(' ')}`,
          );
        }
      }
    }
  }
}
