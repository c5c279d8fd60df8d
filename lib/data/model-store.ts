import type { Kysely } from 'kysely';
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

function toStoredModel(row: {
  data_version: string; algorithm: string; params_key: string; payload: Uint8Array; fit_ms: number; trained_at: Date;
}): StoredModel {
  return {
    dataVersion: row.data_version,
    algorithm: row.algorithm,
    paramsKey: row.params_key,
    // pg gives a Buffer, PGlite a Uint8Array: hand out a plain view either way.
    payload: new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
    fitMs: Number(row.fit_ms),
    trainedAt: new Date(row.trained_at),
  };
}

/** The stored model for exactly this data version, algorithm and parameters, or undefined. */
export async function findTrainedModel(db: Kysely<DB>, key: ModelKey): Promise<StoredModel | undefined> {
  const row = await db
    .selectFrom('trained_models')
    .selectAll()
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
      payload: model.payload,
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
