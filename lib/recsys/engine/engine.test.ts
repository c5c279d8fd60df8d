import { sql } from 'kysely';
import { describeEachDatabase } from '@/db/test-db';
import { listTrainedModels } from '@/lib/data/model-store';
import type { ModelSpec } from '@/lib/recsys/model-specs';
import { Engine, type EngineOptions } from './engine';
import { fitModelPayload } from './recsys-adapter';
import { recommendWithEngine, similarMoviesWithEngine } from './recommend';
import { FIXTURE_SPECS, recordImport, seedEngineFixture } from './testing/fixture';

const profileA = [
  { movieId: 1, rating: 5 },
  { movieId: 2, rating: 4.5 },
  { movieId: 9, rating: 1 },
];

function engineFor(connection: EngineOptions['connection'], extra: Partial<EngineOptions> = {}) {
  const lines: string[] = [];
  const engine = new Engine({
    connection,
    specs: FIXTURE_SPECS,
    fitIn: 'main',
    log: (line) => lines.push(line),
    ...extra,
  });
  return { engine, lines };
}

describeEachDatabase(
  'engine',
  (current) => {
    it('fits every model, stores it under the data version, and serves recommendations', async () => {
      const { db } = current();
      const { engine } = engineFor(current().connection);
      expect(engine.status).toBe('idle');
      await engine.start();
      const status = engine.statusJson();
      expect(status).toMatchObject({
        status: 'ready',
        dataVersion: 'fixture-v1',
        itemSimilarity: true,
        error: null,
      });
      expect(status.models.map((model) => [model.key, model.state, model.source])).toEqual(
        FIXTURE_SPECS.map((spec) => [spec.key, 'ready', 'trained']),
      );
      const stored = await listTrainedModels(db);
      // Every served model, the item–item model behind "similar movies" and the training matrix.
      expect(stored.map((model) => model.algorithm).sort()).toEqual(
        [...FIXTURE_SPECS.map((spec) => spec.algorithm), 'item-similarity', 'rating-matrix'].sort(),
      );
      expect(new Set(stored.map((model) => model.dataVersion))).toEqual(new Set(['fixture-v1']));

      const result = await recommendWithEngine(engine, db, profileA, {
        model: 'nmf-masked',
        n: 5,
        exclude: [3],
      });
      expect(result.fallback).toBeNull();
      expect(result.served.key).toBe('nmf-masked');
      const ids = result.items.map((item) => item.movieId);
      expect(ids).not.toEqual(expect.arrayContaining([1]));
      expect(ids).not.toContain(2);
      expect(ids).not.toContain(3);
      // Group A's profile: its best unseen movies are group A's favourites (4–8).
      expect(ids[0]).toBeLessThanOrEqual(8);
      expect(result.items[0]?.reason).toMatch(/because you liked Movie [12] \(/);
      expect(result.items[0]?.title).toMatch(/^Movie \d+ \(\d{4}\)$/);
    });

    it('starts from the stored rating matrix: same catalog, same lists, no ratings read', async () => {
      const { db } = current();
      const fresh = engineFor(current().connection, { reuseStored: false });
      await fresh.engine.start();
      expect(fresh.lines.some((line) => line.includes('loaded the rating matrix'))).toBe(false);
      const { engine, lines } = engineFor(current().connection);
      await engine.start();
      expect(lines.some((line) => line.includes('loaded the rating matrix'))).toBe(true);
      expect(engine.statusJson().models.every((model) => model.source === 'loaded')).toBe(true);
      expect(engine.matrix).not.toBe(fresh.engine.matrix);
      expect([...(engine.catalog ?? [])]).toEqual([...(fresh.engine.catalog ?? [])]);
      for (const model of ['cosine', 'nmf-masked'])
        expect(await recommendWithEngine(engine, db, profileA, { model, n: 8 })).toEqual(
          await recommendWithEngine(fresh.engine, db, profileA, { model, n: 8 }),
        );
      // Unreadable: the ratings are read again, and the matrix stored again.
      await db.deleteFrom('trained_model_parts').where('algorithm', '=', 'rating-matrix').execute();
      const again = engineFor(current().connection);
      await again.engine.start();
      expect(again.lines.some((line) => line.includes('the stored rating matrix is unreadable'))).toBe(true);
      expect(again.engine.status).toBe('ready');
      expect(again.engine.statusJson().models.every((model) => model.source === 'loaded')).toBe(true);
      expect(
        await db
          .selectFrom('trained_model_parts')
          .where('algorithm', '=', 'rating-matrix')
          .select('part')
          .execute(),
      ).toHaveLength(1);
    });

    it('applies genre, year and minimum-count filters', async () => {
      const { db } = current();
      const { engine } = engineFor(current().connection);
      await engine.start();
      const drama = await recommendWithEngine(engine, db, profileA, {
        model: 'cosine',
        n: 20,
        filter: { genre: 'Drama', yearFrom: 2000 },
      });
      expect(drama.items.length).toBeGreaterThan(0);
      for (const item of drama.items) {
        expect(item.genres).toContain('Drama');
        expect(item.year).toBeGreaterThanOrEqual(2000);
      }
      const none = await recommendWithEngine(engine, db, profileA, {
        model: 'cosine',
        n: 20,
        filter: { minRatings: 1000 },
      });
      expect(none.items).toEqual([]);
    });

    it('fits again a stored model whose parts are missing, and stores it whole', async () => {
      const { db } = current();
      const [victim] = await listTrainedModels(db);
      if (!victim) throw new Error('no stored model');
      await db
        .deleteFrom('trained_model_parts')
        .where('params_key', '=', victim.paramsKey)
        .where('algorithm', '=', victim.algorithm)
        .execute();
      const { engine, lines } = engineFor(current().connection);
      await engine.start();
      expect(engine.status).toBe('ready');
      expect(lines.some((line) => line.includes('is missing or the wrong size; fitting it again'))).toBe(
        true,
      );
      expect(engine.statusJson().models.filter((model) => model.source === 'trained')).toHaveLength(1);
      const parts = await db
        .selectFrom('trained_model_parts')
        .select('part')
        .where('params_key', '=', victim.paramsKey)
        .where('algorithm', '=', victim.algorithm)
        .execute();
      expect(parts.length).toBeGreaterThan(0);
    });

    it('with reuseStored false (train --force) fits every model although all are stored', async () => {
      const fit = jest.fn(fitModelPayload);
      const { engine } = engineFor(current().connection, { fit, reuseStored: false });
      await engine.start();
      expect(fit).toHaveBeenCalledTimes(FIXTURE_SPECS.length);
      expect(new Set(engine.statusJson().models.map((model) => model.source))).toEqual(new Set(['trained']));
    });

    it('a second engine on the same data loads the stored models instead of fitting', async () => {
      const { db } = current();
      const fit = jest.fn(() => {
        throw new Error('must not fit');
      });
      const { engine, lines } = engineFor(current().connection, { fit });
      await engine.start();
      expect(fit).not.toHaveBeenCalled();
      // "Similar movies" is stored too: loaded, not fitted again.
      expect(lines.some((line) => line.startsWith('[engine] loaded similar movies'))).toBe(true);
      expect(lines.some((line) => line.includes('similar movies (item–item'))).toBe(false);
      expect(engine.status).toBe('ready');
      expect(new Set(engine.statusJson().models.map((model) => model.source))).toEqual(new Set(['loaded']));
      const result = await recommendWithEngine(engine, db, profileA, { model: 'cosine', n: 3 });
      expect(result.items[0]?.reason).toMatch(
        /liked by \d+ (people|person) with tastes like yours who rated it 4★ or more/,
      );
      expect(similarMoviesWithEngine(engine, 1, 3)).toHaveLength(3);
    });

    it('start() is idempotent and does nothing while the data version is unchanged', async () => {
      const { engine } = engineFor(current().connection);
      await Promise.all([engine.start(), engine.start()]);
      const before = engine.statusJson().models;
      await engine.start();
      expect(engine.statusJson().models).toEqual(before);
    });

    it('retrains when the MovieLens data version changes, and drops the old models', async () => {
      const { db } = current();
      const { engine } = engineFor(current().connection);
      await engine.start();
      await recordImport(db, 'fixture-v2');
      await engine.start();
      expect(engine.statusJson()).toMatchObject({ status: 'ready', dataVersion: 'fixture-v2' });
      expect(new Set(engine.statusJson().models.map((model) => model.source))).toEqual(new Set(['trained']));
      expect(new Set((await listTrainedModels(db)).map((model) => model.dataVersion))).toEqual(
        new Set(['fixture-v2']),
      );
    });

    it('a failing fit gives status failed, logs the cause once, and the site falls back to popular from SQL', async () => {
      const { db } = current();
      await recordImport(db, 'fixture-v3');
      const { engine, lines } = engineFor(current().connection, {
        fit: () => {
          throw new Error('out of memory');
        },
      });
      await engine.start();
      expect(engine.status).toBe('failed');
      expect(engine.error).toMatch(/out of memory/);
      engine.refreshIfDue(0); // a failed engine is not retried by requests
      await engine.settled();
      expect(lines.filter((line) => line.includes('every model failed'))).toHaveLength(1);

      const result = await recommendWithEngine(engine, db, profileA, {
        model: 'nmf-masked',
        n: 4,
        filter: { minRatings: 1 },
      });
      expect(result.fallback).toBe('model-failed');
      expect(result.served.key).toBe('popular');
      expect(result.items).toHaveLength(4);
      expect(result.items.map((item) => item.movieId)).not.toContain(1);
      expect(result.items[0]?.reason).toMatch(/rated [\d.]+★ on average by \d+ MovieLens users/);
      // An empty filter keeps every movie on the SQL fallback as it does in memory (the fixture's movies have < 10 ratings).
      const unfiltered = await recommendWithEngine(engine, db, profileA, {
        model: 'nmf-masked',
        n: 4,
        filter: {},
      });
      expect(unfiltered.items).toHaveLength(4);
    });

    it('instances starting together fit each model once: one holds the training lease, the other loads', async () => {
      const { db } = current();
      await recordImport(db, 'fixture-v4');
      let fits = 0;
      const fit: EngineOptions['fit'] = (matrix, job) => {
        fits += 1;
        return fitModelPayload(matrix, job);
      };
      const first = engineFor(current().connection, { fit, instanceId: 'first', leasePollMs: 20 });
      const second = engineFor(current().connection, { fit, instanceId: 'second', leasePollMs: 20 });
      await Promise.all([first.engine.start(), second.engine.start()]);
      expect(fits).toBe(FIXTURE_SPECS.length);
      const sources = [first, second].map(
        ({ engine }) => new Set(engine.statusJson().models.map((model) => model.source)),
      );
      expect(sources).toEqual(expect.arrayContaining([new Set(['trained']), new Set(['loaded'])]));
      expect(second.engine.status).toBe('ready');
      expect(await db.selectFrom('model_training_leases').selectAll().execute()).toEqual([]);
    });

    it('takes over the models of an instance whose lease expired (it died mid-fit)', async () => {
      const { db } = current();
      await recordImport(db, 'fixture-v5');
      await db
        .insertInto('model_training_leases')
        .values({ data_version: 'fixture-v5', owner: 'dead', expires_at: new Date(Date.now() + 300) })
        .execute();
      const { engine, lines } = engineFor(current().connection, { instanceId: 'survivor', leasePollMs: 50 });
      await engine.start();
      expect(engine.status).toBe('ready');
      expect(new Set(engine.statusJson().models.map((model) => model.source))).toEqual(new Set(['trained']));
      expect(lines.some((line) => line.includes('another instance is fitting'))).toBe(true);
    });

    it('a database error while training is retried at the next refresh, not kept until a restart', async () => {
      const { db } = current();
      await recordImport(db, 'fixture-v6');
      await sql`ALTER TABLE ratings RENAME TO ratings_away`.execute(db);
      const { engine } = engineFor(current().connection);
      try {
        await engine.start();
        expect(engine.status).toBe('failed');
        expect(engine.error).toMatch(/ratings/);
      } finally {
        await sql`ALTER TABLE ratings_away RENAME TO ratings`.execute(db);
      }
      engine.refreshIfDue(0);
      await engine.settled();
      expect(engine.statusJson()).toMatchObject({ status: 'ready', dataVersion: 'fixture-v6', error: null });
    });

    it('fits in the order of its specs, a spec unknown to any other list included', async () => {
      const { db } = current();
      await recordImport(db, 'fixture-order');
      const popular = FIXTURE_SPECS.find((spec) => spec.key === 'popular') as ModelSpec;
      const cosine = FIXTURE_SPECS.find((spec) => spec.key === 'cosine') as ModelSpec;
      const order: string[] = [];
      const fit: EngineOptions['fit'] = (matrix, job) => {
        order.push(job.key);
        return fitModelPayload(matrix, job);
      };
      const { engine } = engineFor(current().connection, {
        fit,
        specs: [popular, { ...cosine, key: 'cosine-extra' }],
        reuseStored: false,
      });
      await engine.start();
      expect(order).toEqual(['popular', 'cosine-extra']);
    });

    it('every list carries the one predicted rating from 5 ratings on, whichever model ranked it; none before', async () => {
      const { db } = current();
      const { engine } = engineFor(current().connection);
      await engine.start();
      const five = [...profileA, { movieId: 3, rating: 4 }, { movieId: 12, rating: 1.5 }];
      const seen = new Map<number, number>();
      for (const spec of FIXTURE_SPECS) {
        const few = await recommendWithEngine(engine, db, profileA, { model: spec.key, n: 3 });
        expect(few.items.length).toBeGreaterThan(0);
        for (const item of few.items) expect([spec.key, item.predictedRating]).toEqual([spec.key, null]);
        const result = await recommendWithEngine(engine, db, five, { model: spec.key, n: 5 });
        for (const item of result.items) {
          expect(item.predictedRating).toBeGreaterThanOrEqual(0.5);
          expect(item.predictedRating).toBeLessThanOrEqual(5);
          const before = seen.get(item.movieId);
          if (before !== undefined) expect([spec.key, item.predictedRating]).toEqual([spec.key, before]);
          seen.set(item.movieId, item.predictedRating as number);
        }
      }
    });

    it('an empty profile gets popular movies, whatever model was asked for', async () => {
      const { db } = current();
      const { engine } = engineFor(current().connection);
      await engine.start();
      const result = await recommendWithEngine(engine, db, [], { model: 'nmf-zeros', n: 3 });
      expect(result.fallback).toBe('empty-profile');
      expect(result.served.key).toBe('popular');
      expect(result.items).toHaveLength(3);
    });
  },
  async ({ db }) => seedEngineFixture(db),
);

describeEachDatabase('engine without data', (current) => {
  it('stays idle and says why, once', async () => {
    const { engine, lines } = engineFor(current().connection);
    await engine.start();
    await engine.start();
    expect(engine.statusJson()).toMatchObject({
      status: 'idle',
      error: expect.stringMatching(/no MovieLens data/),
    });
    expect(lines).toHaveLength(1);
    const result = await recommendWithEngine(engine, current().db, profileA, {});
    expect(result.items).toEqual([]);
  });
});
