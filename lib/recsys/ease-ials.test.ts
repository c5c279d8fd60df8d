import path from 'node:path';
import { readRatingsCsv } from '../../scripts/lib/recsys-data';
import { createEaseIalsRecommender, fitEaseIals, likedThreshold } from './ease-ials';
import { buildRatingMatrix } from './matrix';
import { movieMeta } from '../../scripts/lib/persona-table';
import { runPersonas, DISLIKED_BELOW } from './personas';
import { PERSONAS } from './personas-data';
import { decodeModel, encodeModel } from './serialize';
import { syntheticMatrix } from './test-helpers';
import type { RatedMovie } from './types';

type Because = { movieId: number; rating: number; contribution: number }[];
const becauseOf = (e: unknown): Because => (e as { because: Because }).because;

describe('ease-ials on seeded data', () => {
  const mat = syntheticMatrix(80, 60, { density: 0.4, seed: 11 });
  const model = fitEaseIals(mat, { minRatings: 1, lambda: 10, ials: { factors: 5, iterations: 4 } });
  const rec = createEaseIalsRecommender(model);
  const profile: RatedMovie[] = [
    { movieId: 101, rating: 5 },
    { movieId: 103, rating: 4 },
    { movieId: 105, rating: 3.5 },
    { movieId: 107, rating: 2.5 },
    { movieId: 109, rating: 1 },
    { movieId: 111, rating: 3 },
  ];

  it('is a plain object of scalars and typed arrays that survives encodeModel/decodeModel', () => {
    const back = decodeModel(encodeModel(model)) as unknown as typeof model;
    expect(back).toEqual(model);
    expect(createEaseIalsRecommender(back).recommend(profile, { n: 8 })).toEqual(
      rec.recommend(profile, { n: 8 }),
    );
  });

  it('explains with liked movies only (≥ 3.5 here), positive contributions, strongest first', () => {
    const recs = rec.recommend(profile, { n: 20 });
    expect(recs.length).toBe(20);
    let cited = 0;
    for (const r of recs) {
      const because = becauseOf(r.explanation);
      expect(r.explanation.kind).toBe('ease-ials');
      for (const b of because) {
        expect(b.rating).toBeGreaterThanOrEqual(3.5);
        expect(b.contribution).toBeGreaterThan(0);
      }
      for (let t = 1; t < because.length; t++)
        expect((because[t - 1] as Because[0]).contribution).toBeGreaterThanOrEqual(
          (because[t] as Because[0]).contribution,
        );
      cited += because.length;
    }
    expect(cited).toBeGreaterThan(0);
    expect(becauseOf(rec.explain(profile, recs[0]?.movieId ?? 0))).toEqual(becauseOf(recs[0]?.explanation));
  });

  it('contributions add up to the score when every rated movie is liked and contributes positively (an exact split)', () => {
    const liked: RatedMovie[] = [
      { movieId: 101, rating: 5 },
      { movieId: 103, rating: 4 },
    ];
    let checked = 0;
    for (const r of rec.recommend(liked, { n: 10 })) {
      const because = becauseOf(rec.explain(liked, r.movieId));
      if (because.length < 2) continue; // a non-positive part is left out of the explanation
      expect(because.reduce((s, b) => s + b.contribution, 0)).toBeCloseTo(r.score, 10);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('falls back to 3★ reasons for a visitor with nothing above 3, and never cites a rating below 3', () => {
    expect(likedThreshold([2, 3, 4])).toBe(3.5);
    expect(likedThreshold([2, 3])).toBe(3);
    const low: RatedMovie[] = [
      { movieId: 101, rating: 3 },
      { movieId: 103, rating: 2 },
      { movieId: 105, rating: 1 },
    ];
    for (const r of rec.recommend(low, { n: 20 }))
      for (const b of becauseOf(r.explanation)) expect(b.rating).toBe(3);
  });

  it('rejects bad options', () => {
    expect(() => fitEaseIals(mat, { blend: -1 })).toThrow(RangeError);
    expect(() => fitEaseIals(mat, { popularityExponent: 2 })).toThrow(RangeError);
    expect(() => fitEaseIals(mat, { ials: { factors: 0 } })).toThrow(RangeError);
  });
});

describe('ease-ials persona targets (ml-latest-small, default options)', () => {
  const data = path.join(__dirname, '../../data/ml-latest-small');
  const mat = buildRatingMatrix(readRatingsCsv(path.join(data, 'ratings.csv')));
  const rec = createEaseIalsRecommender(fitEaseIals(mat));
  const report = runPersonas(rec, movieMeta(path.join(data, 'movies.csv'), mat));

  it('puts at least half of each single-genre persona’s top 12 in its liked genres', () => {
    for (const p of PERSONAS.filter((x) => x.singleGenre)) {
      const share = report.personas.find((r) => r.personaId === p.id)?.likedShare ?? 0;
      expect([p.id, share >= 0.5]).toEqual([p.id, true]);
    }
  });

  it('shares at most 2 movies between opposite personas’ top 12', () => {
    for (const o of report.opposites) expect([o.a, o.b, o.shared <= 2]).toEqual([o.a, o.b, true]);
  });

  it(`never names a movie rated below ${DISLIKED_BELOW} as a reason`, () => {
    expect(report.dislikedReasons).toBe(0);
  });
});
