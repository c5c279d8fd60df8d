import { zipSync, strToU8 } from 'fflate';
import { EXPORT_FORMATS, imdbToStars } from './formats';
import { MAX_IMPORT_BYTES } from './errors';
import { MAX_IMPORT_ROWS, readExport } from './read-export';
import { fixture } from './test-catalogue';

const csv = (text: string) => strToU8(text);

describe('readExport', () => {
  it('reads a MovieLens.org ratings export, ids and all, without dates', () => {
    const upload = readExport(fixture('movielens-ratings.csv'), 'ratings.csv');
    expect(upload.files).toEqual([
      { name: 'ratings.csv', format: 'movielens-ratings', label: 'MovieLens.org ratings export' },
    ]);
    expect(upload.entries).toHaveLength(32);
    expect(upload.entries[0]).toEqual({
      key: 'ratings.csv:2',
      kind: 'rating',
      rating: 5,
      date: null,
      title: 'Toy Story',
      year: 1995,
      movieId: 1,
      imdbId: 114709,
      tmdbId: 862,
    });
  });

  it('reads the MovieLens.org wishlist (no rating column) as watchlist rows', () => {
    const upload = readExport(fixture('movielens-wishlist.csv'), 'wishlist.csv');
    expect(upload.files[0]?.format).toBe('movielens-wishlist');
    expect(upload.entries.every((entry) => entry.kind === 'watchlist' && entry.rating === undefined)).toBe(
      true,
    );
  });

  it('reads an IMDb export: 1–10 halved, dated, TV series, episodes and games skipped and counted', () => {
    const upload = readExport(fixture('imdb-ratings.csv'), 'ratings.csv');
    expect(upload.files[0]?.format).toBe('imdb-ratings');
    expect(upload.skipped.notMovies).toEqual({
      'TV Series': 1,
      'TV Episode': 1,
      'TV Mini Series': 1,
      'Video Game': 1,
    });
    expect(upload.entries).toHaveLength(31);
    expect(upload.entries[0]).toMatchObject({ imdbId: 68646, rating: 5, title: 'The Godfather', year: 1972 });
    expect(upload.entries[0]?.date?.toISOString()).toBe('2022-01-01T00:00:00.000Z');
  });

  it('maps IMDb’s ten values one to one onto the ten half steps', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value) => imdbToStars(String(value)))).toEqual([
      0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5,
    ]);
    expect(() => imdbToStars('11')).toThrow('1 to 10');
  });

  it('reads Letterboxd’s ZIP: ratings and watchlist, not the diary that repeats them, nor other files', () => {
    const upload = readExport(fixture('letterboxd-export.zip'), 'letterboxd-filmfan.zip');
    expect(upload.files.map((file) => file.format)).toEqual(['letterboxd-ratings', 'letterboxd-watchlist']);
    expect(upload.entries.filter((entry) => entry.kind === 'rating')).toHaveLength(134);
    expect(upload.entries.filter((entry) => entry.kind === 'watchlist')).toHaveLength(8);
  });

  it('reads a Letterboxd diary: the watched date is the rating’s, unrated entries are counted', () => {
    const upload = readExport(fixture('letterboxd/diary.csv'), 'diary.csv');
    expect(upload.files[0]?.format).toBe('letterboxd-diary');
    expect(upload.skipped.unrated).toBe(1);
    expect(upload.entries[1]).toMatchObject({ title: 'The Matrix', rating: 4.5, key: 'diary.csv:3' });
    expect(upload.entries[1]?.date?.toISOString()).toBe('2024-06-09T00:00:00.000Z');
    // No watched date: the logged date.
    expect(upload.entries.find((entry) => entry.title === 'Oppenheimer')?.date?.toISOString()).toBe(
      '2023-07-22T00:00:00.000Z',
    );
  });

  it('detects every registered format from its header alone', () => {
    for (const format of EXPORT_FORMATS) {
      const header = [...format.columns].join(',');
      expect(readExport(csv(`${header}\n`), 'file.csv').files[0]?.format).toBe(format.id);
    }
  });

  it.each([
    ['an empty file', new Uint8Array(), /empty/, 'empty'],
    ['blank lines only', csv('\n \n'), /empty/, 'empty'],
    ['not UTF-8', new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x74, 0xe9]), /not UTF-8/, 'not-utf8'],
    ['an unknown header', csv('a,b,c\n1,2,3\n'), /no header this site recognises/, 'unknown-format'],
    [
      'a bad rating',
      csv('Date,Name,Year,Letterboxd URI,Rating\n2023-01-01,Up,2009,x,7\n'),
      /line 2: Rating "7"/,
      'bad-row',
    ],
    [
      'a bad IMDb id',
      csv('Const,Your Rating,Date Rated,Title,Title Type,Year\nxx1,8,2022-01-01,Up,Movie,2009\n'),
      /Const "xx1"/,
      'bad-row',
    ],
    [
      'a ZIP without the CSVs',
      fixture('letterboxd-without-csvs.zip'),
      /no ratings\.csv, diary\.csv or watchlist\.csv/,
      'zip-contents',
    ],
    ['a damaged ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /damaged/, 'zip-contents'],
    [
      'Letterboxd’s watched.csv',
      csv('Date,Name,Year,Letterboxd URI\n2023-01-01,Up,2009,x\n'),
      /no header/,
      'unknown-format',
    ],
  ])('refuses %s with one clear message', (_name, bytes, message, reason) => {
    const name = _name === 'Letterboxd’s watched.csv' ? 'watched.csv' : 'upload.csv';
    expect(() => readExport(bytes, name)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(message), reason }),
    );
  });

  it('refuses a file over the limit, and a ZIP entry that unpacks to more than four times it', () => {
    expect(() => readExport(new Uint8Array(MAX_IMPORT_BYTES + 1), 'big.csv')).toThrow('limited to 5 MB');
    const bomb = zipSync({ 'ratings.csv': new Uint8Array(4 * MAX_IMPORT_BYTES + 1) });
    expect(bomb.byteLength).toBeLessThan(MAX_IMPORT_BYTES);
    expect(() => readExport(bomb, 'export.zip')).toThrow('limited to 5 MB');
    // Entries each under the limit (one name repeated in other cases, read once): counted together.
    const names = ['ratings.csv', 'Ratings.csv', 'RATINGS.CSV', 'diary.csv', 'watchlist.csv'];
    const entry = new Uint8Array(Math.round(1.6 * MAX_IMPORT_BYTES));
    const many = zipSync(Object.fromEntries(names.map((name) => [name, entry])));
    expect(() => readExport(many, 'export.zip')).toThrow('limited to 5 MB');
  });

  it('refuses more rows than MAX_IMPORT_ROWS', () => {
    const header = 'Date,Name,Year,Letterboxd URI,Rating';
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `2024-01-01,Film ${i},2000,x,4`);
    expect(() => readExport(csv([header, ...rows].join('\n')), 'ratings.csv')).toThrow(/limited to 25,000/);
  });

  it('strips a byte-order mark and accepts CRLF line ends', () => {
    const text =
      '\uFEFFmovie_id,imdb_id,tmdb_id,rating,average_rating,title\r\n1,0114709,862,4,3.9,Toy Story (1995)\r\n';
    expect(readExport(csv(text), 'ratings.csv').entries).toHaveLength(1);
  });
});
