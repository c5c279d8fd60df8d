import { sql } from 'kysely';
import { describeEachDatabase } from '@/db/test-db';
import { findTrainedModel, listTrainedModels, PART_BYTES, upsertTrainedModel } from './model-store';

const key = { dataVersion: 'v1', algorithm: 'nmf', paramsKey: '{"fill":"zeros"}' };

function payloadOf(bytes: number, seed: number): Uint8Array {
  const payload = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) payload[i] = (i * 31 + seed * 7 + (i >> 11)) & 0xff;
  return payload;
}

describeEachDatabase('the model store', (current) => {
  it('stores a payload larger than a part in several parts and reads it back byte for byte', async () => {
    const { db } = current();
    const payload = payloadOf(2 * PART_BYTES + 12_345, 1);
    await upsertTrainedModel(db, { ...key, payload, fitMs: 1234.4 });
    const parts = await db.selectFrom('trained_model_parts').select('part').orderBy('part').execute();
    expect(parts.map((row) => row.part)).toEqual([0, 1, 2]);
    const stored = await findTrainedModel(current().connection, key);
    expect(stored?.fitMs).toBe(1234);
    expect(Buffer.from(stored?.payload ?? []).equals(Buffer.from(payload))).toBe(true);
    expect(await listTrainedModels(db)).toEqual([
      expect.objectContaining({ algorithm: 'nmf', bytes: payload.byteLength, fitMs: 1234 }),
    ]);
  });

  it('replaces a model whole: a smaller payload leaves no part of the old one', async () => {
    const { db } = current();
    const payload = payloadOf(1000, 2);
    await upsertTrainedModel(db, { ...key, payload, fitMs: 5 });
    const stored = await findTrainedModel(current().connection, key);
    expect(Array.from(stored?.payload ?? [])).toEqual(Array.from(payload));
    const { count } = await db
      .selectFrom('trained_model_parts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(1);
  });

  it('stores an empty payload, and refuses a model whose parts are missing', async () => {
    const { db } = current();
    const empty = { ...key, paramsKey: '{"empty":true}' };
    await upsertTrainedModel(db, { ...empty, payload: new Uint8Array(0), fitMs: 0 });
    expect((await findTrainedModel(current().connection, empty))?.payload.byteLength).toBe(0);
    await sql`DELETE FROM trained_model_parts WHERE params_key = ${key.paramsKey}`.execute(db);
    await expect(findTrainedModel(current().connection, key)).rejects.toThrow('part 0 is missing');
    expect(await findTrainedModel(current().connection, { ...key, dataVersion: 'other' })).toBeUndefined();
  });

  it('reads a key holding quotes, and refuses a model missing a part in the middle', async () => {
    const { connection, db } = current();
    const quoted = { ...key, paramsKey: `{"name":"O'Brien's \\ \\' TO STDOUT"}` };
    const payload = payloadOf(2 * PART_BYTES + 1, 3);
    await upsertTrainedModel(db, { ...quoted, payload, fitMs: 1 });
    await upsertTrainedModel(db, { ...key, payload: payloadOf(10, 4), fitMs: 1 });
    expect(Buffer.from((await findTrainedModel(connection, quoted))?.payload ?? []).equals(Buffer.from(payload))).toBe(
      true,
    );
    await sql`DELETE FROM trained_model_parts WHERE params_key = ${quoted.paramsKey} AND part = 1`.execute(db);
    await expect(findTrainedModel(connection, quoted)).rejects.toThrow('part 1 is missing');
    expect((await findTrainedModel(connection, key))?.payload).toEqual(payloadOf(10, 4));
  });
});
