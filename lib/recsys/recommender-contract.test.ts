/**
 * One suite, every recommender (LensKit's habit): the contract of types.ts on a small seeded dataset.
 * Empty profile (or only unknown movies): every algorithm answers the popularity ranking.
 */
import { ALGORITHM_NAMES, algorithmEntry, type FitOptions } from './registry';
import { createRecommender, deserializeModel, fitModel, serializeModel } from './index';
import { syntheticMatrix } from './test-helpers';
import type { Explanation, RatedMovie } from './types';

const mat = syntheticMatrix(60, 80, { density: 0.35, seed: 7 });
// Every algorithm of the registry, with its own small test options: a new entry is picked up here by itself.
const cases = ALGORITHM_NAMES.flatMap((algorithm) =>
  algorithmEntry(algorithm).testCases.map((options) => ({ ...options, algorithm }) as FitOptions),
);
const profile: RatedMovie[] = [
  { movieId: 101, rating: 5 },
  { movieId: 103, rating: 4 },
  { movieId: 111, rating: 1 },
  { movieId: 999_999, rating: 5 }, // unknown: skipped
];

describe.each(cases)('recommender contract: %j', (options) => {
  const model = fitModel(mat, options);
  const rec = createRecommender(model);
  const ids = (xs: { movieId: number }[]) => xs.map((x) => x.movieId);

  it('returns at most n, best first, never a rated or excluded movie, and respects the filter', () => {
    const out = rec.recommend(profile, { n: 7, exclude: [105, 107], filter: (id) => id % 4 === 1 });
    expect(out.length).toBeLessThanOrEqual(7);
    expect(out.length).toBeGreaterThan(0);
    for (const r of out) {
      expect([101, 103, 111, 105, 107]).not.toContain(r.movieId);
      expect(r.movieId % 4).toBe(1);
      expect(Number.isFinite(r.score)).toBe(true);
      if (r.predictedRating !== null) expect(r.predictedRating).toBeGreaterThanOrEqual(0.5);
    }
    for (let i = 1; i < out.length; i++)
      expect((out[i - 1] as { score: number }).score).toBeGreaterThanOrEqual(
        (out[i] as { score: number }).score,
      );
    expect(rec.recommend(profile, { n: 0 })).toEqual([]);
    expect(rec.recommend(profile, { exclude: new Set([105]) }).length).toBeLessThanOrEqual(10);
  });

  it('does not mutate the profile and is deterministic', () => {
    const copy = structuredClone(profile);
    const a = rec.recommend(profile, { n: 10 });
    expect(profile).toEqual(copy);
    expect(rec.recommend(profile, { n: 10 })).toEqual(a);
  });

  it('answers an empty or all-unknown profile with the popularity ranking', () => {
    const empty = rec.recommend([], { n: 5 });
    expect(empty).toHaveLength(5);
    expect(empty[0]?.explanation.kind).toBe('popular');
    expect(ids(rec.recommend([{ movieId: -1, rating: 4 }], { n: 5 }))).toEqual(ids(empty));
  });

  it('predicts null or a rating for each movie, null for unknown ids', () => {
    const out = rec.predict(profile, [101, 113, 424242]);
    expect(out).toHaveLength(3);
    expect(out[2]).toBeNull();
    for (const p of out) if (p !== null) expect(p).toBeGreaterThanOrEqual(0.5);
    for (const p of out) if (p !== null) expect(p).toBeLessThanOrEqual(5);
  });

  it('explains a movie without throwing, also an unknown one', () => {
    const top = rec.recommend(profile, { n: 1 })[0];
    expect(rec.explain(profile, top?.movieId ?? 113).kind).toBeTruthy();
    expect(rec.explain(profile, 424242).kind).toBeTruthy();
  });

  it('never cites a movie the visitor rated below 3★, nor a neighbour who rated the movie below 4★, as a reason', () => {
    // 1★ and 2★ movies among liked ones: the reasons must come from 101 (5★) and 103 (4★) only.
    const mixed: RatedMovie[] = [...profile, { movieId: 113, rating: 2 }, { movieId: 121, rating: 0.5 }];
    const explained = [
      ...rec.recommend(mixed, { n: 15 }).map((r) => r.explanation),
      ...Array.from(mat.movieIds)
        .filter((id) => !mixed.some((m) => m.movieId === id))
        .slice(0, 30)
        .map((id) => rec.explain(mixed, id)),
    ];
    for (const e of explained) {
      for (const b of (e as { because?: { rating: number; contribution: number }[] }).because ?? []) {
        expect(b.rating).toBeGreaterThanOrEqual(3.5);
        expect(b.contribution).toBeGreaterThan(0);
      }
      for (const d of (e as { disliked?: { rating: number }[] }).disliked ?? [])
        expect(d.rating).toBeLessThan(3);
      if (e.kind === 'cosine') {
        const c = e as Extract<Explanation, { kind: 'cosine' }>;
        for (const nb of c.neighbours) expect(nb.rating).toBeGreaterThanOrEqual(4);
        expect(c.supporters).toBeGreaterThanOrEqual(c.neighbours.length);
      }
    }
  });

  it.each(['inline', 'reference'] as const)(
    'round-trips through serialize/deserialize (matrix %s) with identical recommendations',
    (matrix) => {
      const back = createRecommender(deserializeModel(serializeModel(model, { matrix }), { matrix: mat }));
      expect(back.recommend(profile, { n: 10 })).toEqual(rec.recommend(profile, { n: 10 }));
      expect(back.predict(profile, [101, 113])).toEqual(rec.predict(profile, [101, 113]));
      expect(back.params).toEqual(rec.params);
    },
  );
});
