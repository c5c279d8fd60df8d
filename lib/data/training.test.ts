import { describeEachDatabase } from '@/db/test-db';
import { recordImport, seedEngineFixture } from '@/lib/recsys/engine/testing/fixture';
import { DataChangedError, loadTrainingRatings, RatingColumnsBuilder } from './training';
import { upsertRating } from './ratings';
import { createVisitor } from './visitors';

describeEachDatabase(
  'the training ratings',
  (current) => {
    it('reads every MovieLens rating in user then movie order, chunk by chunk, without visitors', async () => {
      const { db } = current();
      const { id: visitor } = await createVisitor(db);
      await upsertRating(db, { userId: visitor, movieId: 1, rating: 5 });
      const whole = await loadTrainingRatings(current().connection);
      const progress: number[] = [];
      const chunked = await loadTrainingRatings(current().connection, {
        usersPerChunk: 5,
        onProgress: (loaded) => progress.push(loaded),
      });
      expect(chunked).toEqual(whole);
      // 12 users in chunks of 5: three reads, each reporting the running total.
      expect(progress).toHaveLength(3);
      expect(progress.at(-1)).toBe(whole.ratings.length);
      expect(whole.userIds).not.toContain(visitor);
      expect(new Set(whole.userIds).size).toBe(12);
      const keys = Array.from(whole.userIds, (u, i) => u * 1000 + (whole.movieIds[i] as number));
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    });

    it('refuses to read when the data version is no longer the one expected (an import committed meanwhile)', async () => {
      const { db } = current();
      await expect(loadTrainingRatings(current().connection, { expectedVersion: 'fixture-v1' })).resolves.toBeDefined();
      await recordImport(db, 'fixture-v2');
      await expect(loadTrainingRatings(current().connection, { expectedVersion: 'fixture-v1' })).rejects.toBeInstanceOf(
        DataChangedError,
      );
    });
  },
  ({ db }) => seedEngineFixture(db),
);

describe('reading binary COPY output of ratings', () => {
  function copyStream(rows: readonly [number, number, number][]): Uint8Array {
    const header = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
    const out = new DataView(new ArrayBuffer(header.length + rows.length * 26 + 2));
    header.forEach((byte, i) => out.setUint8(i, byte));
    let at = header.length;
    for (const [user, movie, rating] of rows) {
      out.setInt16(at, 3);
      out.setInt32(at + 2, 4);
      out.setInt32(at + 6, user);
      out.setInt32(at + 10, 4);
      out.setInt32(at + 14, movie);
      out.setInt32(at + 18, 4);
      out.setFloat32(at + 22, rating);
      at += 26;
    }
    out.setInt16(at, -1);
    return new Uint8Array(out.buffer);
  }

  it('gives the same columns however the bytes are cut, across several COPYs', () => {
    const rows: [number, number, number][] = Array.from({ length: 5000 }, (_, i) => [
      1 + Math.floor(i / 7),
      (i * 37) % 1000,
      0.5 + (i % 10) / 2,
    ]);
    const streams = [copyStream(rows.slice(0, 3000)), copyStream(rows.slice(3000))];
    for (const piece of [1, 3, 26, 27, 4096, 1 << 20]) {
      const builder = new RatingColumnsBuilder();
      for (const stream of streams) {
        for (let at = 0; at < stream.length; at += piece) builder.push(stream.subarray(at, at + piece));
        builder.endOfCopy();
      }
      const got = builder.finish();
      expect(Array.from(got.userIds)).toEqual(rows.map((row) => row[0]));
      expect(Array.from(got.movieIds)).toEqual(rows.map((row) => row[1]));
      expect(Array.from(got.ratings)).toEqual(rows.map((row) => row[2]));
    }
  });

  it('refuses a stream cut short or not in binary COPY format', () => {
    const stream = copyStream([[1, 2, 3.5]]);
    const short = new RatingColumnsBuilder();
    short.push(stream.subarray(0, stream.length - 5));
    expect(() => short.endOfCopy()).toThrow('ended early');
    expect(() => new RatingColumnsBuilder().push(new TextEncoder().encode('1\t2\t3.5\n'.repeat(10)))).toThrow(
      'not a binary COPY stream',
    );
  });
});
