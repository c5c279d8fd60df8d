import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseConnection } from '@/db/client';

/**
 * The few raw operations an import needs, inside one transaction on either driver: Kysely cannot COPY, and the
 * PGlite and pg ways of doing it differ (a Blob on '/dev/blob' versus a stream).
 */
export interface ImportSession {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `COPY table (columns) FROM STDIN` with rows in COPY text format. */
  copy(table: string, columns: readonly string[], data: string): Promise<void>;
}

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(
  connection: DatabaseConnection,
  work: (session: ImportSession) => Promise<T>,
): Promise<T> {
  if (connection.kind === 'pglite') {
    // PGlite's transaction() is exclusive: other queries on the connection wait until it ends.
    return connection.pglite.transaction((tx) =>
      work({
        query: async <Row>(text: string, params?: unknown[]) => (await tx.query<Row>(text, params)).rows,
        copy: async (table, columns, data) => {
          await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
            blob: new Blob([data]),
          });
        },
      }),
    );
  }
  const client = await connection.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work({
      query: async <Row>(text: string, params?: unknown[]) =>
        (await client.query(text, params)).rows as Row[],
      copy: async (table, columns, data) => {
        await pipeline(
          Readable.from([Buffer.from(data)]),
          client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
        );
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
