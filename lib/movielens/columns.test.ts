import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRatingsCsv, readRatingColumns } from '.';

describe('readRatingColumns: the import reader into typed columns (the CLIs)', () => {
  const file = path.join(process.cwd(), 'data/ml-latest-small/ratings.csv');

  it('holds the rows the import reads, in file order', () => {
    const rows = parseRatingsCsv(fs.readFileSync(file), new Set(readRatingColumns(file).movieIds));
    const columns = readRatingColumns(file);
    // ml-latest-small: 100,836 ratings (its README.txt).
    expect(columns.userIds).toHaveLength(100836);
    const at = (i: number) => ({
      userId: columns.userIds[i],
      movieId: columns.movieIds[i],
      rating: columns.ratings[i],
      timestamp: columns.timestamps[i],
    });
    for (const i of [0, 1, 50_000, 100_835]) expect(at(i)).toEqual(rows[i]);
  });

  it('a bad row is one line with the file and the line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-columns-'));
    fs.writeFileSync(path.join(dir, 'train.csv'), 'userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,9,2\n');
    try {
      expect(() => readRatingColumns(path.join(dir, 'train.csv'))).toThrow(
        'train.csv line 3: rating 9 is not between 0.5 and 5 in half steps',
      );
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
