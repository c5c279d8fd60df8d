/**
 * The model cache: loads or fits every model for the current MovieLens data version, keeps them in memory and
 * answers status. One instance per process in the site (see index.ts); tests create their own.
 */
import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import type { DatabaseConnection } from '@/db/client';
import crypto from 'node:crypto';
import os from 'node:os';
import {
  acquireTrainingLease,
  DamagedModelError,
  deleteStaleModels,
  findTrainedModel,
  releaseTrainingLease,
  upsertTrainedModel,
} from '@/lib/data/model-store';
import { findDataVersion } from '@/lib/data/data-version';
import {
  DataChangedError,
  listCatalogMovies,
  loadTrainingRatings,
  type TrainingRatings,
} from '@/lib/data/training';
import type { ItemSimilarityModel } from '@/lib/recsys/item-similarity';
import { buildRatingMatrix, ratingColumnsOf, type RatingMatrix } from '@/lib/recsys/matrix';
import { buildCatalog, type Catalog } from './catalog';
import { errorMessage } from '@/lib/errors';
import type { FitEvent, FitModel } from './fit-jobs';
import { runFits, type FitIn } from './fit-runner';
import { MODEL_SPECS, paramsKey, type ModelSpec } from '@/lib/recsys/model-specs';
import {
  ITEM_SIMILARITY_KEY,
  itemSimilarityFromPayload,
  itemSimilarityPayload,
  RATING_MATRIX_KEY,
  ratingMatrixFromPayload,
  ratingMatrixPayload,
  recommenderFromPayload,
  type LoadedRecommender,
} from './recsys-adapter';

export type EngineStatus = 'idle' | 'training' | 'ready' | 'failed';
export type ModelState = 'pending' | 'training' | 'ready' | 'failed';

export interface ModelEntry {
  spec: ModelSpec;
  state: ModelState;
  /** 'loaded' from the store or 'trained' here. */
  source?: 'loaded' | 'trained';
  /** Fit or load time in milliseconds. */
  ms?: number;
  error?: string;
  /** The recommender in memory; during a retrain, the previous data version's one keeps serving. */
  loaded?: LoadedRecommender;
}

export interface EngineOptions {
  /** The database (the ratings load needs the raw driver for COPY). */
  connection: DatabaseConnection;
  specs?: readonly ModelSpec[];
  /** Where fits run (default 'worker'). */
  fitIn?: FitIn;
  /** Replaces lib/recsys's fit (tests). */
  fit?: FitModel;
  log?: (line: string) => void;
  /** Load models stored for the current data version instead of fitting them (default true). */
  reuseStored?: boolean;
  /** Names this process in the training lease (default host:pid:random). */
  instanceId?: string;
  /** How long a training lease lasts before another instance may take over; renewed while fitting (default 10 min). */
  leaseMs?: number;
  /** How often an instance waiting for another one's models looks for them (default 2 s). */
  leasePollMs?: number;
}

export interface EngineStatusJson {
  status: EngineStatus;
  error: string | null;
  dataVersion: string | null;
  progress: { done: number; total: number; current: string | null };
  models: {
    key: string;
    state: ModelState;
    source: 'loaded' | 'trained' | null;
    ms: number | null;
    error: string | null;
  }[];
  itemSimilarity: boolean;
  trainingRatings: number;
  startedAt: string | null;
  /** Seconds the last (or current) training run took so far. */
  seconds: number | null;
}

export class Engine {
  status: EngineStatus = 'idle';
  error: string | null = null;
  dataVersion: string | null = null;
  readonly models = new Map<string, ModelEntry>();
  /** The item–item model behind "similar movies" (null until fitted for the current data). */
  itemSimilarity: ItemSimilarityModel | null = null;
  matrix: RatingMatrix | null = null;
  catalog: Catalog | null = null;
  current: string | null = null;
  private startedAt: number | null = null;
  private finishedAt: number | null = null;
  private running: Promise<void> | null = null;
  private checkedAt: number | null = null;
  private readonly logged = new Set<string>();
  private readonly specs: readonly ModelSpec[];

  private readonly instanceId: string;
  /** The last failure came from reading the database, so refreshIfDue may try again. */
  private retryable = false;

  constructor(private readonly options: EngineOptions) {
    this.specs = options.specs ?? MODEL_SPECS;
    this.instanceId =
      options.instanceId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
    for (const spec of this.specs) this.models.set(spec.key, { spec, state: 'pending' });
  }

  /**
   * Brings the models up to date with the database: nothing when they already match the data version, else
   * load what is stored and fit the rest. Idempotent: concurrent calls share one run. Never throws.
   */
  start(): Promise<void> {
    this.running ??= this.refresh().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when the current run (if any) is over. */
  async settled(): Promise<void> {
    await this.running;
  }

  /**
   * start() at most once per `intervalMs` (requests call this: a new import is picked up within a minute).
   * A failed engine is not retried here: failures repeat, and each retry would refit every model.
   */
  refreshIfDue(intervalMs = 60_000): void {
    if ((this.status === 'failed' && !this.retryable) || this.running) return;
    if (this.checkedAt !== null && Date.now() - this.checkedAt < intervalMs) return;
    void this.start();
  }

  private async refresh(): Promise<void> {
    const { db } = this;
    this.checkedAt = Date.now();
    this.retryable = false;
    try {
      // An import that commits while the ratings are read makes the read refuse (DataChangedError): read again.
      for (let attempt = 1; ; attempt++) {
        const version = await findDataVersion(db);
        if (version === null)
          return this.idle('no MovieLens data imported yet: serving nothing until an import');
        if (version === this.dataVersion && this.status === 'ready') return;
        try {
          return await this.train(version);
        } catch (error) {
          if (!(error instanceof DataChangedError) || attempt === 3) throw error;
          this.log(`[engine] ${error.message}: reading them again`);
        }
      }
    } catch (error) {
      // A thrown error comes from reading the database (an outage, a migration in progress), not from a fit (fits
      // report their failures as events): try again at the next refresh instead of staying failed until a restart.
      this.retryable = true;
      if (this.status === 'ready') {
        // The models in memory still serve; only the check for new data failed.
        this.logOnce(`[engine] could not check for new MovieLens data: ${errorMessage(error)}`);
        return;
      }
      this.fail(`model training failed: ${errorMessage(error)}`);
    }
  }

  private async train(version: string): Promise<void> {
    const { db } = this;
    this.status = 'training';
    this.error = null;
    this.startedAt = Date.now();
    this.finishedAt = null;
    for (const entry of this.models.values())
      Object.assign(entry, { state: 'pending', source: undefined, ms: undefined, error: undefined });

    // The matrix stored for this data version, else the ratings read and the matrix built (and stored for the next
    // start, beside the models' writes).
    const writes: Promise<void>[] = [];
    let ratings: TrainingRatings | null = null;
    let matrix = await this.loadStoredMatrix(version);
    if (!matrix) {
      ratings = await loadTrainingRatings(this.options.connection, { expectedVersion: version });
      if (ratings.ratings.length === 0)
        return this.idle('the database has no MovieLens ratings: nothing to train on');
      matrix = buildRatingMatrix(ratings);
      writes.push(this.storeMatrix(version, matrix));
    }
    this.catalog = buildCatalog(await listCatalogMovies(db), matrix);
    // The item similarity indexes the movies of one matrix: never pair a new matrix with the old model.
    if (version !== this.dataVersion) this.itemSimilarity = null;
    this.matrix = matrix;
    this.dataVersion = version;

    const toFit: ModelSpec[] = [];
    for (const spec of this.specs) {
      if (!(await this.loadStored(version, spec))) toFit.push(spec);
    }
    // In the order of the specs, which is the fit order (MODEL_SPECS: cheapest first).
    const mine = toFit.length > 0 ? await this.claimFits(version, toFit) : [];
    // After the claim: an instance that waited for another's models finds its similar-movies model stored too.
    const fitItemSimilarity = this.itemSimilarity === null && !(await this.loadStoredItemSimilarity(version));
    const renew = mine.length > 0 ? setInterval(() => void this.renewLease(version), this.leaseMs / 3) : null;
    renew?.unref();
    try {
      if (mine.length > 0 || fitItemSimilarity)
        await runFits(
          {
            // Columns in the matrix's own order: the fits build the same matrix (and its fingerprint) again.
            ratings: ratings ?? ratingColumnsOf(matrix),
            jobs: mine.map(({ key, algorithm, params }) => ({ key, algorithm, params })),
            itemSimilarity: fitItemSimilarity,
          },
          (event) => this.onFitEvent(version, event, writes),
          { fitIn: this.options.fitIn ?? 'worker', fit: this.options.fit, log: (line) => this.log(line) },
        );
      await Promise.all(writes);
    } finally {
      if (renew) clearInterval(renew);
      if (mine.length > 0) {
        await releaseTrainingLease(this.db, { dataVersion: version, owner: this.instanceId }).catch((error) =>
          this.log(`[engine] could not release the training lease: ${errorMessage(error)}`),
        );
      }
    }
    this.current = null;
    this.finishedAt = Date.now();

    const failed = [...this.models.values()].filter((entry) => entry.state === 'failed');
    if (failed.length === this.models.size) {
      return this.fail(`every model failed to fit (${failed[0]?.error ?? 'unknown error'})`);
    }
    for (const entry of failed) this.log(`[engine] model ${entry.spec.key} failed: ${entry.error}`);
    this.status = 'ready';
    const trained = [...this.models.values()].filter((entry) => entry.source === 'trained').length;
    this.log(
      `[engine] ready in ${((this.finishedAt - this.startedAt) / 1000).toFixed(1)} s: ` +
        `${this.models.size - failed.length - trained} loaded, ${trained} trained, ${failed.length} failed (data ${version.slice(0, 12)})`,
    );
    if (trained > 0)
      await deleteStaleModels(db, version).catch((error) =>
        this.log(`[engine] could not prune old models: ${errorMessage(error)}`),
      );
  }

  private get db(): Kysely<DB> {
    return this.options.connection.db;
  }

  /** The matrix of the data version being loaded (set before any model is loaded or fitted). */
  private servingMatrix(): RatingMatrix {
    if (!this.matrix) throw new Error('no rating matrix is loaded');
    return this.matrix;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 10 * 60_000;
  }

  /**
   * Instances sharing one database fit each data version once: the holder of the training lease fits, the others
   * load its models as they are stored. A holder that dies lets its lease expire and a waiting instance takes over
   * what is still missing. Returns the specs this instance must fit itself.
   */
  private async claimFits(version: string, toFit: ModelSpec[]): Promise<ModelSpec[]> {
    let missing = toFit;
    let announced = false;
    for (;;) {
      if (
        await acquireTrainingLease(this.db, {
          dataVersion: version,
          owner: this.instanceId,
          ttlMs: this.leaseMs,
        })
      ) {
        // What another holder stored before we got the lease need not be fitted again. Check even when the lease
        // came at the first try: it may have been released between our look at the store and this claim.
        const stillMissing: ModelSpec[] = [];
        for (const spec of missing) if (!(await this.loadStored(version, spec))) stillMissing.push(spec);
        if (stillMissing.length === 0)
          await releaseTrainingLease(this.db, { dataVersion: version, owner: this.instanceId });
        return stillMissing;
      }
      if (!announced) {
        this.log(
          `[engine] another instance is fitting data ${version.slice(0, 12)}: loading its models as they are stored`,
        );
        announced = true;
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.leasePollMs ?? 2_000));
      const next: ModelSpec[] = [];
      for (const spec of missing) if (!(await this.loadStored(version, spec))) next.push(spec);
      missing = next;
      if (missing.length === 0) return [];
    }
  }

  private async renewLease(version: string): Promise<void> {
    try {
      await acquireTrainingLease(this.db, {
        dataVersion: version,
        owner: this.instanceId,
        ttlMs: this.leaseMs,
      });
    } catch (error) {
      this.log(`[engine] could not renew the training lease: ${errorMessage(error)}`);
    }
  }

  /**
   * Loads the stored item–item model behind "similar movies" (fitted once per data version like the served models:
   * at 32M ratings it takes minutes); false when there is none or it cannot be read.
   */
  private async loadStoredItemSimilarity(version: string): Promise<boolean> {
    if (this.options.reuseStored === false) return false;
    try {
      const stored = await findTrainedModel(this.options.connection, {
        ...ITEM_SIMILARITY_KEY,
        dataVersion: version,
      });
      if (!stored) return false;
      this.itemSimilarity = itemSimilarityFromPayload(stored.payload);
      this.log(`[engine] loaded similar movies (${(stored.payload.byteLength / 1e6).toFixed(1)} MB)`);
      return true;
    } catch (error) {
      if (!(error instanceof DamagedModelError) && !(error instanceof RangeError)) throw error;
      this.log(
        `[engine] the stored similar-movies model is unreadable (${errorMessage(error)}); fitting it again`,
      );
      return false;
    }
  }

  /** The stored training matrix of this data version; null when there is none or it cannot be read. */
  private async loadStoredMatrix(version: string): Promise<RatingMatrix | null> {
    if (this.options.reuseStored === false) return null;
    const started = performance.now();
    try {
      const stored = await findTrainedModel(this.options.connection, {
        ...RATING_MATRIX_KEY,
        dataVersion: version,
      });
      if (!stored) return null;
      const matrix = ratingMatrixFromPayload(stored.payload);
      this.log(
        `[engine] loaded the rating matrix (${matrix.nnz.toLocaleString('en-US')} ratings, ${(stored.payload.byteLength / 1e6).toFixed(1)} MB) in ${(performance.now() - started).toFixed(0)} ms`,
      );
      return matrix;
    } catch (error) {
      if (!(error instanceof DamagedModelError) && !(error instanceof RangeError)) throw error;
      this.log(
        `[engine] the stored rating matrix is unreadable (${errorMessage(error)}); reading the ratings`,
      );
      return null;
    }
  }

  private async storeMatrix(version: string, matrix: RatingMatrix): Promise<void> {
    try {
      await upsertTrainedModel(this.db, {
        ...RATING_MATRIX_KEY,
        dataVersion: version,
        payload: ratingMatrixPayload(matrix),
        fitMs: 0,
      });
    } catch (error) {
      this.log(`[engine] could not store the rating matrix: ${errorMessage(error)}`);
    }
  }

  /** Loads one stored model; false when there is none (or it cannot be read, which means refitting it). */
  private async loadStored(version: string, spec: ModelSpec): Promise<boolean> {
    if (this.options.reuseStored === false) return false;
    let stored;
    try {
      stored = await findTrainedModel(this.options.connection, {
        dataVersion: version,
        algorithm: spec.algorithm,
        paramsKey: paramsKey(spec.params),
      });
    } catch (error) {
      if (!(error instanceof DamagedModelError)) throw error;
      this.log(`[engine] ${error.message}; fitting it again`);
      return false;
    }
    if (!stored) return false;
    const started = performance.now();
    try {
      const loaded = recommenderFromPayload(spec, stored.payload, this.servingMatrix());
      const ms = performance.now() - started;
      this.setEntry(spec.key, { state: 'ready', source: 'loaded', loaded, ms });
      this.log(
        `[engine] loaded ${spec.key} in ${ms.toFixed(0)} ms (${(stored.payload.byteLength / 1e6).toFixed(1)} MB, fitted in ${(stored.fitMs / 1000).toFixed(1)} s)`,
      );
      return true;
    } catch (error) {
      this.log(`[engine] stored ${spec.key} is unreadable (${errorMessage(error)}); fitting it again`);
      return false;
    }
  }

  private onFitEvent(version: string, event: FitEvent, writes: Promise<void>[]): void {
    if (event.type === 'item-similarity') {
      this.itemSimilarity = event.model;
      this.log(
        `[engine] similar movies (item–item, ${event.model.movieIds.length} movies) in ${(event.ms / 1000).toFixed(2)} s`,
      );
      const payload = itemSimilarityPayload(event.model);
      writes.push(
        upsertTrainedModel(this.db, {
          ...ITEM_SIMILARITY_KEY,
          dataVersion: version,
          payload,
          fitMs: event.ms,
        }).catch((error) =>
          this.log(`[engine] could not store the similar-movies model: ${errorMessage(error)}`),
        ),
      );
      return;
    }
    if (event.type === 'started') {
      this.current = event.key;
      this.setEntry(event.key, { state: 'training' });
      return;
    }
    if (event.type === 'failed') {
      if (event.key === 'item-similarity') this.log(`[engine] ${event.key} failed: ${event.error}`);
      else this.setEntry(event.key, { state: 'failed', error: event.error });
      return;
    }
    const spec = this.models.get(event.key)?.spec;
    if (!spec) return;
    try {
      const loaded = recommenderFromPayload(spec, event.payload, this.servingMatrix());
      this.setEntry(spec.key, { state: 'ready', source: 'trained', loaded, ms: event.fitMs });
      this.log(
        `[engine] fitted ${spec.key} in ${(event.fitMs / 1000).toFixed(2)} s (${(event.payload.byteLength / 1e6).toFixed(1)} MB)`,
      );
    } catch (error) {
      this.setEntry(spec.key, { state: 'failed', error: `fitted but unreadable: ${errorMessage(error)}` });
      return;
    }
    const key = { dataVersion: version, algorithm: spec.algorithm, paramsKey: paramsKey(spec.params) };
    writes.push(
      upsertTrainedModel(this.db, { ...key, payload: event.payload, fitMs: event.fitMs }).catch((error) =>
        this.log(`[engine] could not store ${spec.key}: ${errorMessage(error)}`),
      ),
    );
  }

  private setEntry(key: string, patch: Partial<ModelEntry>): void {
    const entry = this.models.get(key);
    if (entry) Object.assign(entry, patch);
  }

  private idle(cause: string): void {
    this.status = 'idle';
    this.error = cause;
    this.logOnce(`[engine] ${cause}`);
  }

  private fail(cause: string): void {
    this.status = 'failed';
    this.error = cause;
    this.finishedAt = Date.now();
    this.logOnce(`[engine] ${cause}; serving popular movies`);
  }

  private log(line: string): void {
    (this.options.log ?? console.log)(line);
  }

  /** A cause is logged once per engine, however many times the start is retried. */
  private logOnce(line: string): void {
    if (this.logged.has(line)) return;
    this.logged.add(line);
    this.log(line);
  }

  /** The ready recommender for a model key (possibly from the previous data version during a retrain). */
  recommender(key: string): LoadedRecommender | undefined {
    return this.models.get(key)?.loaded;
  }

  /** Keys of the models that can serve now (a retrain keeps the previous version's serving). */
  readyModelKeys(): string[] {
    return [...this.models.values()].filter((entry) => entry.loaded).map((entry) => entry.spec.key);
  }

  progress(): { done: number; total: number; current: string | null } {
    const entries = [...this.models.values()];
    const done = entries.filter((entry) => entry.state === 'ready' || entry.state === 'failed').length;
    return { done, total: entries.length, current: this.current };
  }

  statusJson(): EngineStatusJson {
    const end = this.finishedAt ?? (this.startedAt === null ? null : Date.now());
    return {
      status: this.status,
      error: this.error,
      dataVersion: this.dataVersion,
      progress: this.progress(),
      models: [...this.models.values()].map((entry) => ({
        key: entry.spec.key,
        state: entry.state,
        source: entry.source ?? null,
        ms: entry.ms === undefined ? null : Math.round(entry.ms),
        error: entry.error ?? null,
      })),
      itemSimilarity: this.itemSimilarity !== null,
      trainingRatings: this.matrix?.nnz ?? 0,
      startedAt: this.startedAt === null ? null : new Date(this.startedAt).toISOString(),
      seconds: this.startedAt === null || end === null ? null : Math.round((end - this.startedAt) / 100) / 10,
    };
  }
}
