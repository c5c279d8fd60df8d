import { describeEachDatabase } from '@/db/test-db';
import { Engine } from './engine';
import { buildHeatMap, greedyOrder, pickTopAndSpread, topRatedBy } from './similarity';
import { FIXTURE_SPECS, seedEngineFixture } from './testing/fixture';

describe('pickTopAndSpread', () => {
  it('keeps the top 60% and samples the rest evenly down to the last', () => {
    const ranked = Array.from({ length: 100 }, (_, i) => i);
    const picked = pickTopAndSpread(ranked, 10);
    expect(picked.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(picked).toHaveLength(10);
    expect(picked.at(-1)).toBe(99);
    expect(pickTopAndSpread([3, 1], 10)).toEqual([3, 1]);
  });
});

describe('greedyOrder', () => {
  it('chains each item to its most similar remaining neighbour, so that blocks sit together', () => {
    // Two blocks {0, 2} and {1, 3}: similar within, dissimilar across.
    const sim = (a: number, b: number) => (a % 2 === b % 2 ? 0.9 : -0.5);
    const order = greedyOrder([0, 1, 2, 3], sim);
    expect(order).toHaveLength(4);
    expect(Math.abs(((order[0] as number) % 2) - ((order[1] as number) % 2))).toBe(0);
    expect(Math.abs(((order[2] as number) % 2) - ((order[3] as number) % 2))).toBe(0);
  });
});

describeEachDatabase(
  'heat map data',
  (current) => {
    let engine: Engine;
    beforeAll(async () => {
      engine = new Engine({
        connection: current().connection,
        specs: FIXTURE_SPECS,
        fitIn: 'main',
        log: () => undefined,
      });
      await engine.start();
    });

    it('puts the visitor first, then users by similarity to the visitor; symmetric with a unit diagonal', () => {
      const data = buildHeatMap(
        engine,
        [
          { movieId: 1, rating: 5 },
          { movieId: 2, rating: 4 },
          { movieId: 9, rating: 1 },
        ],
        10,
      );
      expect(data).not.toBeNull();
      if (!data) return;
      expect(data.withVisitor).toBe(true);
      expect(data.users).toHaveLength(11);
      expect(data.users[0]).toMatchObject({ id: null, label: 'You' });
      const toVisitor = data.users.slice(1).map((user) => user.toVisitor as number);
      expect(toVisitor).toEqual([...toVisitor].sort((a, b) => b - a));
      // The fixture's group A (users 1–6) shares the visitor's taste.
      expect(data.users[1]?.id).toBeLessThanOrEqual(6);
      data.similarity.forEach((row, r) => {
        expect(row).toHaveLength(11);
        row.forEach((value, c) => expect(value).toBeCloseTo(data.similarity[c]?.[r] as number, 3));
        if (r > 0) expect(row[r]).toBeCloseTo(1, 3);
      });
      expect(data.shared[0]?.[0]).toBe(3);
    });

    it('compares the visitor and MovieLens users with one measure, adjusted cosine (it can be negative)', () => {
      const matrix = engine.matrix;
      if (!matrix) throw new Error('no matrix');
      // A visitor who rated exactly what user 1 rated: their row must equal user 1's row.
      const profile = [];
      for (let p = matrix.rowPtr[0] as number; p < (matrix.rowPtr[1] as number); p++) {
        profile.push({
          movieId: matrix.movieIds[matrix.colIdx[p] as number] as number,
          rating: matrix.values[p] as number,
        });
      }
      const data = buildHeatMap(engine, profile, 12);
      if (!data) throw new Error('no heat map');
      const row = data.users.findIndex((user) => user.id === matrix.userIds[0]);
      expect(data.users[row]?.toVisitor).toBeCloseTo(1, 3);
      data.users.forEach((_, c) => {
        if (c > 0 && c !== row)
          expect(data.similarity[0]?.[c]).toBeCloseTo(data.similarity[row]?.[c] as number, 2);
      });
      // Opposite taste groups: adjusted cosine is negative between them (plain cosine of ratings never is).
      expect(Math.min(...data.similarity.slice(1).flatMap((cells) => cells.slice(1)))).toBeLessThan(0);
    });

    it('without a visitor, compares MovieLens users among themselves', () => {
      const data = buildHeatMap(engine, [], 10);
      expect(data?.withVisitor).toBe(false);
      expect(data?.users).toHaveLength(10);
      expect(data?.users.every((user) => user.id !== null && user.toVisitor === null)).toBe(true);
    });

    it('lists what a MovieLens user rated highest', () => {
      const top = topRatedBy(engine, 1, 3);
      expect(top).toHaveLength(3);
      const ratings = (top ?? []).map((movie) => movie.rating);
      expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
      expect(topRatedBy(engine, 999)).toBeNull();
    });
  },
  async ({ db }) => seedEngineFixture(db),
);
