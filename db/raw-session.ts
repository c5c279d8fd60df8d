import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DatabaseConnection } from './client';

/**
 * The few raw operations Kysely cannot do (COPY in and out), inside one transaction on either driver: the PGlite
 * and pg ways of doing them differ (a Blob on '/dev/blob' versus a stream). The import and the training load use it.
 */
export interface RawSession {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `COPY table (columns) FROM STDIN` with rows in COPY text format. */
  copy(table: string, columns: readonly string[], data: string): Promise<void>;
  /** Runs `COPY (…) TO STDOUT …`, handing its output to `onData` piece by piece (cut anywhere). */
  copyOut(statement: string, onData: (bytes: Uint8Array) => void): Promise<void>;
}

export interface TransactionOptions {
  /** 'repeatable read': every statement sees the same snapshot (a multi-statement read of a consistent state). */
  isolation?: 'read committed' | 'repeatable read';
}

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(
  connection: DatabaseConnection,
  work: (session: RawSession) => Promise<T>,
  { isolation = 'read committed' }: TransactionOptions = {},
): Promise<T> {
  const setIsolation = `SET TRANSACTION ISOLATION LEVEL ${isolation === 'repeatable read' ? 'REPEATABLE READ' : 'READ COMMITTED'}`;
  if (connection.kind === 'pglite') {
    // PGlite's transaction() is exclusive for PGlite's own queries, but Kysely runs a transaction as separate
    // BEGIN, statements and COMMIT: holding Kysely's one PGlite connection first keeps this transaction from
    // starting inside one of Kysely's (its BEGIN would be ignored, its isolation refused, and its rollback would
    // undo theirs). `work` uses only the session, never Kysely.
    const { pglite } = connection;
    return connection.db.connection().execute(() =>
      pglite.transaction(async (tx) => {
        await tx.query(setIsolation);
        return work({
          query: async <Row>(text: string, params?: unknown[]) => (await tx.query<Row>(text, params)).rows,
          copy: async (table, columns, data) => {
            await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
              blob: new Blob([data]),
            });
          },
          copyOut: async (statement, onData) => {
            // The last TO STDOUT: the statement's own, whatever its query's literals hold.
            const result = await tx.query(
              statement.replace(/\bTO STDOUT\b(?![\s\S]*\bTO STDOUT\b)/, "TO '/dev/blob'"),
            );
            if (result.blob) onData(new Uint8Array(await result.blob.arrayBuffer()));
          },
        });
      }),
    );
  }
  const client = await connection.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(setIsolation);
    const result = await work({
      query: async <Row>(text: string, params?: unknown[]) =>
        (await client.query(text, params)).rows as Row[],
      copy: async (table, columns, data) => {
        await pipeline(
          Readable.from([Buffer.from(data)]),
          client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
        );
      },
      copyOut: async (statement, onData) => {
        const stream = client.query(copyTo(statement));
        for await (const chunk of stream) onData(chunk as Buffer);
      },
    });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
