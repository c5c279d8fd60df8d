/**
 * Every list the picker offers, as the site serves it (its spec's parameters and candidate rule), must be personal:
 * opposite personas share at most 2 of their top 12, and no explanation names a movie the persona rated below 3 as
 * a reason. (The default list's liked-genre target is in ease-ials.test.ts.)
 */
import path from 'node:path';
import { movieMeta } from '../../scripts/lib/persona-table';
import { readRatingsCsv } from '../../scripts/lib/recsys-data';
import { neighbourhoodFilter } from './candidates';
import { createRecommender, fitModel, type FitOptions } from './index';
import { buildRatingMatrix } from './matrix';
import { PICKER_SPECS } from './model-specs';
import { runPersonas } from './personas';

const data = path.join(__dirname, '../../data/ml-latest-small');
const mat = buildRatingMatrix(readRatingsCsv(path.join(data, 'ratings.csv')));
const movies = movieMeta(path.join(data, 'movies.csv'), mat);

describe.each(PICKER_SPECS.map((spec) => [spec.key, spec] as const))('the served list %s', (_key, spec) => {
  const rec = createRecommender(fitModel(mat, { ...spec.params, algorithm: spec.algorithm } as FitOptions));
  const candidates = spec.candidates;
  const report = runPersonas(rec, movies, {
    candidateFilter: candidates
      ? (profile) =>
          neighbourhoodFilter(mat, profile, {
            candidates: candidates.size,
            minRatings: candidates.minRatings,
          })
      : undefined,
  });

  it('gives opposite personas different lists (at most 2 movies shared of 12)', () => {
    for (const o of report.opposites) expect([o.a, o.b, o.shared <= 2]).toEqual([o.a, o.b, true]);
  });

  it('never explains a recommendation by a movie the visitor disliked', () => {
    expect(report.dislikedReasons).toBe(0);
  });
});
