import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDatabase } from '@/db/test-db';
import { getDatabaseCounts } from '@/lib/data/stats';
import { importMovieLens } from '.';

const FIXTURES = path.join(process.cwd(), 'data/fixtures');

describeEachDatabase('importMovieLens: ml-100k, ml-1m and ml-10m layouts', (current) => {
  it('ml-100k: Latin-1 titles, genres from flags, no links or tags', async () => {
    const result = await importMovieLens(current().connection, { dir: path.join(FIXTURES, 'ml-100k-tiny') });
    expect(result).toMatchObject({
      action: 'imported',
      counts: { movies: 4, links: 0, ratings: 5, tags: 0, users: 3 },
    });
    const movie = await current()
      .db.selectFrom('movies')
      .selectAll()
      .where('id', '=', 3)
      .executeTakeFirstOrThrow();
    expect(movie).toEqual({ id: 3, title: 'Misérables, Les (1995)', year: 1995, genres: ['Drama', 'War'] });
  });

  it('ml-1m replaces it (--replace), Latin-1 too', async () => {
    const result = await importMovieLens(current().connection, {
      dir: path.join(FIXTURES, 'ml-1m-tiny'),
      replace: true,
    });
    expect(result).toMatchObject({ action: 'replaced', counts: { movies: 3, ratings: 4, users: 2 } });
    await expect(getDatabaseCounts(current().db)).resolves.toEqual({
      movies: 3,
      links: 0,
      ratings: 4,
      tags: 0,
      users: 2,
      visitors: 0,
    });
  });

  it('ml-10m: half stars and tags', async () => {
    const result = await importMovieLens(current().connection, {
      dir: path.join(FIXTURES, 'ml-10m-tiny'),
      replace: true,
    });
    expect(result).toMatchObject({
      action: 'replaced',
      counts: { movies: 3, ratings: 3, tags: 2, users: 2 },
    });
    const tags = await current().db.selectFrom('tags').select('tag').orderBy('tag').execute();
    expect(tags.map((row) => row.tag)).toEqual(['funny', 'pixar: classic']);
  });
});

describeEachDatabase(
  'importMovieLens: a duplicate in an unsorted file is found by the primary key, with its line',
  (current) => {
    it('u.data line 6', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-layout-'));
      for (const entry of fs.readdirSync(path.join(FIXTURES, 'ml-100k-tiny')))
        fs.copyFileSync(path.join(FIXTURES, 'ml-100k-tiny', entry), path.join(dir, entry));
      fs.appendFileSync(path.join(dir, 'u.data'), '2\t3\t1\t884182806\n');
      try {
        await expect(importMovieLens(current().connection, { dir })).rejects.toThrow(
          'u.data line 6: user 2 rated movie 3 twice',
        );
        await expect(getDatabaseCounts(current().db)).resolves.toMatchObject({ movies: 0, ratings: 0 });
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });
  },
);

// The real ml-100k when the shared data folder holds it (never committed: its licence forbids redistribution).
const ML100K = path.join(process.cwd(), '../shared/data/ml-100k');
if (fs.existsSync(path.join(ML100K, 'u.item'))) {
  describeEachDatabase('importMovieLens: the real ml-100k (../shared/data/ml-100k)', (current) => {
    it('imports 1,682 movies and 100,000 ratings by 943 users (its README)', async () => {
      const result = await importMovieLens(current().connection, { dir: ML100K });
      expect(result.counts).toEqual({ movies: 1682, links: 0, ratings: 100000, tags: 0, users: 943 });
    });
  });
}
