import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/** One persisted model: what it was fitted on, with which parameters, and its serialised factors. */
export interface StoredModel {
  dataVersion: string;
  algorithm: string;
  paramsKey: string;
  payload: Uint8Array;
  fitMs: number;
  trainedAt: Date;
}

export interface ModelKey {
  dataVersion: string;
  algorithm: string;
  paramsKey: string;
}

// Payloads cross the driver as base64 text, converted by PostgreSQL's encode/decode: measured on a 2 MB model,
// PGlite takes 2.0 s to bind a bytea parameter and 0.7 s to return one (in the request thread), but 0.14 s for
// the same round trip as base64 text. pg is as fast either way.
function toStoredModel(row: {
  data_version: string; algorithm: string; params_key: string; payload_base64: string; fit_ms: number; trained_at: Date;
}): StoredModel {
  const bytes = Buffer.from(row.payload_base64, 'base64'); // ignores the line breaks encode() inserts
  return {
    dataVersion: row.data_version,
    algorithm: row.algorithm,
    paramsKey: row.params_key,
    payload: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    fitMs: Number(row.fit_ms),
    trainedAt: new Date(row.trained_at),
  };
}

/** The stored model for exactly this data version, algorithm and parameters, or undefined. */
export async function findTrainedModel(db: Kysely<DB>, key: ModelKey): Promise<StoredModel | undefined> {
  const row = await db
    .selectFrom('trained_models')
    .select(['data_version', 'algorithm', 'params_key', 'fit_ms', 'trained_at', sql<string>`encode(payload, 'base64')`.as('payload_base64')])
    .where('data_version', '=', key.dataVersion)
    .where('algorithm', '=', key.algorithm)
    .where('params_key', '=', key.paramsKey)
    .executeTakeFirst();
  return row ? toStoredModel(row) : undefined;
}

/** Stores (or replaces) a model. Concurrent instances fitting the same key both succeed; the last write wins. */
export async function upsertTrainedModel(
  db: Kysely<DB>,
  model: ModelKey & { payload: Uint8Array; fitMs: number },
): Promise<void> {
  await db
    .insertInto('trained_models')
    .values({
      data_version: model.dataVersion,
      algorithm: model.algorithm,
      params_key: model.paramsKey,
      payload: sql<Uint8Array>`decode(${Buffer.from(model.payload.buffer, model.payload.byteOffset, model.payload.byteLength).toString('base64')}, 'base64')`,
      fit_ms: Math.round(model.fitMs),
    })
    .onConflict((oc) =>
      oc.columns(['data_version', 'algorithm', 'params_key']).doUpdateSet((eb) => ({
        payload: eb.ref('excluded.payload'),
        fit_ms: eb.ref('excluded.fit_ms'),
        trained_at: new Date(),
      })),
    )
    .execute();
}

/** Drops models trained on other data versions (they can never be loaded again). Returns how many were removed. */
export async function deleteStaleModels(db: Kysely<DB>, currentDataVersion: string): Promise<number> {
  const result = await db.deleteFrom('trained_models').where('data_version', '<>', currentDataVersion).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** What is stored, without payloads (for status pages and the train script). */
export async function listTrainedModels(
  db: Kysely<DB>,
): Promise<{ dataVersion: string; algorithm: string; paramsKey: string; bytes: number; fitMs: number; trainedAt: Date }[]> {
  const rows = await db
    .selectFrom('trained_models')
    .select((eb) => [
      'data_version', 'algorithm', 'params_key', 'fit_ms', 'trained_at',
      eb.fn<number>('octet_length', ['payload']).as('bytes'),
    ])
    .orderBy('algorithm')
    .orderBy('params_key')
    .execute();
  return rows.map((row) => ({
    dataVersion: row.data_version, algorithm: row.algorithm, paramsKey: row.params_key,
    bytes: Number(row.bytes), fitMs: Number(row.fit_ms), trainedAt: new Date(row.trained_at),
  }));
}

/**
 * Takes the lease to fit `dataVersion`'s models for `ttlMs`, or renews it when `owner` already holds it. False when
 * another owner holds an unexpired lease. One atomic upsert, so two instances can never both get it.
 */
export async function acquireTrainingLease(
  db: Kysely<DB>,
  lease: { dataVersion: string; owner: string; ttlMs: number },
): Promise<boolean> {
  const expiresAt = sql<Date>`now() + ${`${Math.max(1, Math.round(lease.ttlMs))} milliseconds`}::interval`;
  const row = await db
    .insertInto('model_training_leases')
    .values({ data_version: lease.dataVersion, owner: lease.owner, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('data_version')
        .doUpdateSet({ owner: lease.owner, expires_at: expiresAt })
        .where((eb) => eb.or([eb('model_training_leases.expires_at', '<', sql<Date>`now()`), eb('model_training_leases.owner', '=', lease.owner)])),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === lease.owner;
}

/** Gives the lease back (its models are stored, or fitting failed and someone else may try). */
export async function releaseTrainingLease(db: Kysely<DB>, lease: { dataVersion: string; owner: string }): Promise<void> {
  await db.deleteFrom('model_training_leases').where('data_version', '=', lease.dataVersion).where('owner', '=', lease.owner).execute();
}
