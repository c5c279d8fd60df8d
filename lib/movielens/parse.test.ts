import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { recordBatches } from './csv';
import { BAD_INPUT_CASES, TINY_COUNTS, TINY_DIR, writeFixtureCopy } from './test-fixtures';
import {
  listUserIds,
  MovieLensDataError,
  parseMoviesCsv,
  parseRatingsCsv,
  parseTitle,
  readMovieLensDir,
} from '.';

describe('parseTitle', () => {
  it.each([
    ['Toy Story (1995)', 'Toy Story (1995)', 1995],
    ['Babylon 5', 'Babylon 5', null],
    [
      'From Dusk Till Dawn 2: Texas Blood Money (1999) ',
      'From Dusk Till Dawn 2: Texas Blood Money (1999)',
      1999,
    ],
    ['Death Note: Desu nôto (2006–2007)', 'Death Note: Desu nôto (2006–2007)', 2006],
    ['The OA (2016-)', 'The OA (2016-)', 2016],
    ['1984 (1956)', '1984 (1956)', 1956],
    ['Some Film (0001)', 'Some Film (0001)', null],
  ])('%j -> %j, %p', (raw, title, year) => {
    expect(parseTitle(raw)).toEqual({ title, year });
  });
});

describe('readMovieLensDir on the tiny fixture (CRLF)', () => {
  const data = readMovieLensDir(TINY_DIR);

  it('reads every row of every file', () => {
    expect(data.movies).toHaveLength(TINY_COUNTS.movies);
    expect(data.links).toHaveLength(TINY_COUNTS.links);
    expect(data.ratings).toHaveLength(TINY_COUNTS.ratings);
    expect(data.tags).toHaveLength(TINY_COUNTS.tags);
    expect(listUserIds(data)).toEqual([1, 2, 3, 4]);
  });

  it('keeps quoted titles with commas and UTF-8 titles, parses years and genres', () => {
    const byId = new Map(data.movies.map((movie) => [movie.movieId, movie]));
    expect(byId.get(29)).toEqual({
      movieId: 29,
      title: 'City of Lost Children, The (Cité des enfants perdus, La) (1995)',
      year: 1995,
      genres: ['Adventure', 'Drama', 'Fantasy', 'Mystery', 'Sci-Fi'],
    });
    expect(byId.get(40697)).toMatchObject({ title: 'Babylon 5', year: null, genres: ['Sci-Fi'] });
    expect(byId.get(171749)).toMatchObject({ year: 2006, genres: [] });
    expect(byId.get(27008)?.title).toBe('From Dusk Till Dawn 2: Texas Blood Money (1999)');
  });

  it('keeps leading zeros of IMDb ids and reads empty TMDb ids as null', () => {
    expect(data.links[0]).toEqual({ movieId: 1, imdbId: '0114709', tmdbId: 862 });
    expect(data.links.find((link) => link.movieId === 40697)).toEqual({
      movieId: 40697,
      imdbId: '0105946',
      tmdbId: null,
    });
  });

  it('reads ratings, tags (quoted, with quotes and commas) and timestamps', () => {
    expect(data.ratings[0]).toEqual({ userId: 1, movieId: 1, rating: 4, timestamp: 964982703 });
    expect(data.ratings[3]?.rating).toBe(0.5);
    expect(data.tags.map((tag) => tag.tag)).toEqual(['space station', '"pixar"', 'dreamlike, strange']);
  });

  it('keeps the data version of files read whole (stored models are keyed by it)', () => {
    const dir = path.join(process.cwd(), 'data/ml-latest-small');
    const whole = crypto.createHash('sha256');
    for (const name of ['movies.csv', 'links.csv', 'ratings.csv', 'tags.csv']) {
      const bytes = fs.readFileSync(path.join(dir, name));
      whole.update(`${name}\0${bytes.length}\0`).update(bytes);
    }
    expect(readMovieLensDir(dir).dataVersion).toBe(whole.digest('hex'));
  });

  it('gives the same data version for the same bytes and another for different bytes', () => {
    const copy = writeFixtureCopy();
    const changed = writeFixtureCopy([{ file: 'ratings.csv', line: 2, text: '1,1,3.0,964982703' }]);
    try {
      expect(readMovieLensDir(copy).dataVersion).toBe(data.dataVersion);
      expect(readMovieLensDir(changed).dataVersion).not.toBe(data.dataVersion);
      expect(data.dataVersion).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      fs.rmSync(copy, { recursive: true });
      fs.rmSync(changed, { recursive: true });
    }
  });
});

describe('LF files and odd input', () => {
  it('reads LF line endings the same as CRLF', () => {
    const crlf = fs.readFileSync(path.join(TINY_DIR, 'movies.csv'), 'utf8');
    expect(parseMoviesCsv(crlf.replace(/\r\n/g, '\n'))).toEqual(parseMoviesCsv(crlf));
  });

  it('reports an empty file and an unclosed quote with the file name', () => {
    expect(() => parseMoviesCsv('')).toThrow(
      'movies.csv: the file is empty (expected the header "movieId,title,genres")',
    );
    expect(() => parseMoviesCsv('movieId,title,genres\n1,"Open quote,Drama\n')).toThrow(
      /^movies\.csv line \d+: malformed CSV/,
    );
  });

  it('rejects MovieLens user ids in the visitors range', () => {
    expect(() => parseRatingsCsv('userId,movieId,rating,timestamp\n1000000,1,4.0,1\n', new Set([1]))).toThrow(
      'ratings.csv line 2: userId 1000000 is too large: MovieLens user ids must be below 1000000 (site visitors start there)',
    );
  });
});

describe('bad input: one clear line naming the file, the line and the reason', () => {
  it.each(BAD_INPUT_CASES.map((c) => [c.name, c] as const))('%s', (_name, badCase) => {
    const dir = writeFixtureCopy(badCase.edits);
    try {
      let caught: unknown;
      try {
        readMovieLensDir(dir);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MovieLensDataError);
      const message = (caught as Error).message;
      if (typeof badCase.message === 'string') expect(message).toBe(badCase.message);
      else expect(message).toMatch(badCase.message);
      expect(message).not.toContain('\n');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('a folder that does not exist', () => {
    expect(() => readMovieLensDir('/nonexistent/ml')).toThrow('/nonexistent/ml: MovieLens folder not found');
  });
});

describe('the streamed CSV reader reads exactly what csv-parse reads', () => {
  const csvParse = (content: Buffer | string) =>
    parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const read = (name: string, content: Buffer | string, header: string[]) =>
    [
      ...recordBatches({ name, content }, { separator: ',', quoted: true, header, columns: header.length }),
    ].flatMap((b) => b.records);
  it.each(['movies.csv', 'links.csv', 'ratings.csv', 'tags.csv'])('bundled %s', (file) => {
    const content = fs.readFileSync(path.join(process.cwd(), 'data/ml-latest-small', file));
    const expected = csvParse(content);
    expect(read(file, content, expected[0]!)).toEqual(expected.slice(1));
  });
  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ])('%s with a BOM, empty lines and no final newline; line numbers count the empty lines', (_name, eol) => {
    const content = `\uFEFFuserId,movieId,rating,timestamp${eol}1,1,4.0,1${eol}${eol}1,2,3.0,2${eol}${eol}2,1,9,3`;
    expect(read('ratings.csv', content, ['userId', 'movieId', 'rating', 'timestamp'])).toEqual(
      csvParse(content).slice(1),
    );
    expect(() => parseRatingsCsv(content, new Set([1, 2]))).toThrow(
      'ratings.csv line 6: rating 9 is not between 0.5 and 5 in half steps',
    );
    // The same with a quoted field: the same line.
    expect(() => parseRatingsCsv(content.replace('1,2,3.0,2', '1,"2",3.0,2'), new Set([1, 2]))).toThrow(
      /^ratings\.csv line 6: /,
    );
  });
  it('reads a file in chunks: a record cut by a chunk boundary and a quoted field across lines', () => {
    // 2 MB chunks (text-source.ts): 120,000 ratings lines are about 3 MB.
    const lines = ['userId,movieId,rating,timestamp'];
    for (let i = 1; i <= 120_000; i++) lines.push(`${i},1,4.0,${i}`);
    const content = lines.join('\r\n') + '\r\n';
    const rows = parseRatingsCsv(content, new Set([1]));
    expect(rows).toHaveLength(120_000);
    expect(rows[119_999]).toEqual({ userId: 120_000, movieId: 1, rating: 4, timestamp: 120_000 });
  });
  it('numbers records by the line they start on: after a quoted field across lines, CRLF then LF', () => {
    const content = 'movieId,title,genres\r\n1,"Two\r\nlines, (1999)",Drama\r\n2,"x ""y""",A|B\n\n3,z,C\n';
    const format = { separator: ',', quoted: true, header: ['movieId', 'title', 'genres'], columns: 3 };
    const batches = [...recordBatches({ name: 'movies.csv', content }, format)];
    expect(batches.flatMap((b) => b.lines)).toEqual([2, 4, 6]);
    expect(batches.flatMap((b) => b.records)).toEqual([
      ['1', 'Two\nlines, (1999)', 'Drama'],
      ['2', 'x "y"', 'A|B'],
      ['3', 'z', 'C'],
    ]);
    // A newline is a control character: such a title is refused, at the line it starts on.
    expect(() => parseMoviesCsv(content)).toThrow(
      'movies.csv line 2: title "Two\\nlines, (1999)" contains the control character U+000A',
    );
  });
});
