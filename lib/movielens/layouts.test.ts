import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findMovieLensFiles, MovieLensDataError, readMovieLensDir } from '.';

const FIXTURES = path.join(process.cwd(), 'data/fixtures');

/** A copy of a fixture folder with one file rewritten (bytes in the file's own encoding). */
function copyWith(name: string, file: string, rewrite: (bytes: Buffer) => Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-layout-'));
  for (const entry of fs.readdirSync(path.join(FIXTURES, name)))
    fs.copyFileSync(path.join(FIXTURES, name, entry), path.join(dir, entry));
  fs.writeFileSync(path.join(dir, file), rewrite(fs.readFileSync(path.join(dir, file))));
  return dir;
}

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(MovieLensDataError);
    return (error as Error).message;
  }
  throw new Error('expected a MovieLensDataError');
}

describe('ml-100k (u.item, u.data, u.genre; Latin-1)', () => {
  const data = readMovieLensDir(path.join(FIXTURES, 'ml-100k-tiny'));
  it('is detected and read with genres from the flags and Latin-1 titles decoded', () => {
    expect(data.layout).toBe('ml-100k');
    expect(data.movies).toEqual([
      { movieId: 1, title: 'Toy Story (1995)', year: 1995, genres: ['Animation', "Children's", 'Comedy'] },
      { movieId: 2, title: 'GoldenEye (1995)', year: 1995, genres: ['Action', 'Adventure', 'Thriller'] },
      { movieId: 3, title: 'Misérables, Les (1995)', year: 1995, genres: ['Drama', 'War'] },
      { movieId: 4, title: 'unknown', year: null, genres: [] },
    ]);
    expect(data.ratings).toHaveLength(5);
    expect(data.ratings[0]).toEqual({ userId: 2, movieId: 3, rating: 4, timestamp: 881250949 });
    expect(data.links).toEqual([]);
    expect(data.tags).toEqual([]);
  });
  it('reports a bad row with the file and the line', () => {
    const dir = copyWith('ml-100k-tiny', 'u.data', (bytes) =>
      Buffer.concat([bytes, Buffer.from('3\t9\t4\t884182806\n')]),
    );
    try {
      expect(messageOf(() => readMovieLensDir(dir))).toBe('u.data line 6: movieId 9 is not in u.item');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
  it('reports a duplicate of an unsorted file', () => {
    const dir = copyWith('ml-100k-tiny', 'u.data', (bytes) =>
      Buffer.concat([bytes, Buffer.from('2\t3\t1\t884182806\n')]),
    );
    try {
      expect(messageOf(() => readMovieLensDir(dir))).toBe('u.data line 6: user 2 rated movie 3 twice');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe('ml-1m (::, Latin-1) and ml-10m (::, UTF-8, tags)', () => {
  it('ml-1m: detected by users.dat, Latin-1 titles decoded', () => {
    const data = readMovieLensDir(path.join(FIXTURES, 'ml-1m-tiny'));
    expect(data.layout).toBe('ml-1m');
    expect(data.movies.map((movie) => movie.title)).toEqual([
      'Toy Story (1995)',
      'Misérables, Les (1995)',
      'Grumpier Old Men (1995)',
    ]);
    expect(data.movies[0]?.genres).toEqual(['Animation', "Children's", 'Comedy']);
    expect(data.ratings).toHaveLength(4);
  });
  it('ml-10m: half stars and tags', () => {
    const data = readMovieLensDir(path.join(FIXTURES, 'ml-10m-tiny'));
    expect(data.layout).toBe('ml-10m');
    expect(data.movies[1]?.title).toBe('Misérables, Les (1995)');
    expect(data.ratings.map((rating) => rating.rating)).toEqual([4.5, 5, 0.5]);
    expect(data.tags).toEqual([
      { userId: 2, movieId: 3, tag: 'funny', timestamp: 1215184630 },
      { userId: 1, movieId: 1, tag: 'pixar: classic', timestamp: 1188263867 },
    ]);
  });
  it('ml-10m is UTF-8: Latin-1 bytes are refused with the file and line', () => {
    const dir = copyWith('ml-10m-tiny', 'movies.dat', (bytes) =>
      Buffer.from(bytes.toString('utf8'), 'latin1'),
    );
    try {
      expect(messageOf(() => readMovieLensDir(dir))).toBe(
        'movies.dat line 2: bytes that are not UTF-8 (a Latin-1 file?): ml-latest and ml-10m files are UTF-8',
      );
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
  it('a wrong field count names the separator', () => {
    const dir = copyWith('ml-1m-tiny', 'ratings.dat', (bytes) =>
      Buffer.concat([bytes, Buffer.from('2,3,4,978299941\n')]),
    );
    try {
      expect(messageOf(() => readMovieLensDir(dir))).toBe(
        'ratings.dat line 5: expected 4 fields separated by "::", found 1',
      );
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe('layout detection', () => {
  it('a folder without MovieLens files says what it looks for', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-layout-'));
    try {
      expect(messageOf(() => findMovieLensFiles(dir))).toMatch(
        /: no MovieLens files: expected movies\.csv, links\.csv, ratings\.csv, tags\.csv \(ml-latest\), u\.item and u\.data \(ml-100k\)/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
  it('an ml-100k folder without u.item', () => {
    const dir = copyWith('ml-100k-tiny', 'u.data', (bytes) => bytes);
    fs.rmSync(path.join(dir, 'u.item'));
    try {
      expect(messageOf(() => findMovieLensFiles(dir))).toBe(
        `u.item: file not found in ${dir} (an ml-100k MovieLens folder has u.item, u.data, u.genre)`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

// The real ml-100k, when the shared data folder holds it (never committed: its licence forbids redistribution).
const ML100K = path.join(process.cwd(), '../shared/data/ml-100k');
(fs.existsSync(path.join(ML100K, 'u.item')) ? describe : describe.skip)(
  'the real ml-100k (../shared/data/ml-100k)',
  () => {
    it('reads 1,682 movies and 100,000 ratings by 943 users (its README)', () => {
      const data = readMovieLensDir(ML100K);
      expect(data.layout).toBe('ml-100k');
      expect(data.movies).toHaveLength(1682);
      expect(data.ratings).toHaveLength(100000);
      expect(new Set(data.ratings.map((rating) => rating.userId)).size).toBe(943);
    });
  },
);
