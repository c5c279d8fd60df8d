import { sql, type Kysely } from 'kysely';
import { BinaryCopyReader } from '@/db/binary-copy';
import type { DatabaseConnection } from '@/db/client';
import { inTransaction } from '@/db/raw-session';
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

/** A stored model whose parts do not add up (to be fitted again, not trusted). */
export class DamagedModelError extends Error {}

/**
 * Payloads are stored in parts of PART_BYTES (trained_model_parts): no statement carries more than one part, so a
 * 300 MB model (cosine at 32M ratings) is written and read in ~40 statements of bounded size instead of one that
 * outlived the connection's timeout.
 */
export const PART_BYTES = 8 * 1024 * 1024;

// Parts are written as base64 text, converted by PostgreSQL's decode: measured on a 2 MB model, PGlite takes 2.0 s
// to bind a bytea parameter but 0.14 s for the same bytes as base64 text. They are read by binary COPY, where a
// bytea arrives as its raw bytes (db/binary-copy.ts: ~10x faster than base64 text on pg for a 262 MB model).

/**
 * The stored model for exactly this data version, algorithm and parameters, or undefined. Read in one snapshot,
 * so that a model being replaced meanwhile is read whole, old or new.
 */
export async function findTrainedModel(
  connection: DatabaseConnection,
  key: ModelKey,
): Promise<StoredModel | undefined> {
  return inTransaction(
    connection,
    async (session) => {
      const [row] = await session.query<{ fit_ms: number | string; trained_at: Date | string; bytes: number | string }>(
        `SELECT fit_ms, trained_at, bytes FROM trained_models
          WHERE data_version = $1 AND algorithm = $2 AND params_key = $3`,
        [key.dataVersion, key.algorithm, key.paramsKey],
      );
      if (!row) return undefined;
      const payload = new Uint8Array(Number(row.bytes));
      // Each part's bytes go straight into the payload as they arrive (rows of part number, bytes).
      const partNumber = new Uint8Array(4);
      let part = -1;
      let expected = 0;
      let at = 0;
      let damaged = false;
      const reader = new BinaryCopyReader((field, bytes, offset, length) => {
        if (damaged || at === payload.length) return;
        if (field === 0) {
          partNumber.set(bytes, offset);
          if (length !== 4) damaged = true;
          else if (offset + bytes.length === 4) part = new DataView(partNumber.buffer).getInt32(0);
          return;
        }
        if (offset === 0 && (part !== expected || length <= 0 || at + length > payload.length)) {
          damaged = true;
          return;
        }
        payload.set(bytes, at + offset);
        if (offset + bytes.length === length) {
          at += length;
          expected++;
        }
      });
      // COPY takes no parameters: the key goes in as SQL string literals.
      await session.copyOut(
        `COPY (SELECT part, bytes FROM trained_model_parts
                WHERE data_version = ${literal(key.dataVersion)} AND algorithm = ${literal(key.algorithm)}
                  AND params_key = ${literal(key.paramsKey)}
                ORDER BY part) TO STDOUT (FORMAT binary)`,
        (bytes) => reader.push(bytes),
      );
      reader.end();
      if (at !== payload.length)
        throw new DamagedModelError(
          `stored model ${key.algorithm} ${key.paramsKey}: part ${expected} is missing or the wrong size`,
        );
      return {
        dataVersion: key.dataVersion,
        algorithm: key.algorithm,
        paramsKey: key.paramsKey,
        payload,
        fitMs: Number(row.fit_ms),
        trainedAt: new Date(row.trained_at),
      };
    },
    { isolation: 'repeatable read' },
  );
}

/** A string as an SQL literal (standard_conforming_strings is on in every PostgreSQL we support). */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Stores (or replaces) a model, in one transaction of one statement per part. Concurrent instances fitting the same
 * key both succeed; the last write wins.
 */
export async function upsertTrainedModel(
  db: Kysely<DB>,
  model: ModelKey & { payload: Uint8Array; fitMs: number },
): Promise<void> {
  const { payload } = model;
  const key = { data_version: model.dataVersion, algorithm: model.algorithm, params_key: model.paramsKey };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('trained_models')
      .values({ ...key, bytes: payload.byteLength, fit_ms: Math.round(model.fitMs) })
      .onConflict((oc) =>
        oc.columns(['data_version', 'algorithm', 'params_key']).doUpdateSet((eb) => ({
          bytes: eb.ref('excluded.bytes'),
          fit_ms: eb.ref('excluded.fit_ms'),
          trained_at: new Date(),
        })),
      )
      .execute();
    await trx
      .deleteFrom('trained_model_parts')
      .where('data_version', '=', key.data_version)
      .where('algorithm', '=', key.algorithm)
      .where('params_key', '=', key.params_key)
      .execute();
    for (let part = 0; part * PART_BYTES < payload.byteLength; part++) {
      const slice = payload.subarray(part * PART_BYTES, (part + 1) * PART_BYTES);
      const base64 = Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('base64');
      await trx
        .insertInto('trained_model_parts')
        .values({ ...key, part, bytes: sql<Uint8Array>`decode(${base64}, 'base64')` })
        .execute();
    }
  });
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
    .select(['data_version', 'algorithm', 'params_key', 'fit_ms', 'trained_at', 'bytes'])
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
