import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { indexCatalogue } from './match';
import { readExport } from './read-export';
import { fixture, FIXTURES, mlLatestSmallCatalogue } from './test-catalogue';
import type { ImportEntry } from './types';

const entry = (title: string, year: number | null, extra: Partial<ImportEntry> = {}): ImportEntry => ({
  key: 'x',
  kind: 'rating',
  rating: 4,
  date: null,
  title,
  year,
  ...extra,
});

describe('matching export rows to the catalogue', () => {
  const catalogue = mlLatestSmallCatalogue();

  it('matches the exact-id formats by id: 100 % of the fixture rows whose ids are in the catalogue', () => {
    for (const file of ['movielens-ratings.csv', 'movielens-wishlist.csv', 'imdb-ratings.csv']) {
      const { entries } = readExport(fixture(file), file);
      const results = entries.map((row) => ({ row, match: catalogue.match(row) }));
      const inCatalogue = results.filter(
        ({ row }) => row.movieId === undefined || catalogue.movies.has(row.movieId),
      );
      const expectedMissing = ['Oppenheimer', 'Everything Everywhere All at Once', 'Pain and Glory'];
      for (const { row, match } of results) {
        if (expectedMissing.some((title) => row.title.startsWith(title)))
          expect(match).toEqual({ status: 'missing' });
        else expect(match).toMatchObject({ status: 'matched', by: 'id' });
      }
      expect(inCatalogue.length).toBeGreaterThan(0);
    }
  });

  it('reads IMDb ids with or without leading zeros against links.imdb_id as released', () => {
    expect(catalogue.match(entry('Toy Story', 1995, { imdbId: 114709 }))).toEqual({
      status: 'matched',
      movieId: 1,
      by: 'id',
    });
  });

  it('falls back from an unknown MovieLens movieId to its IMDb id', () => {
    expect(catalogue.match(entry('Toy Story', 1995, { movieId: 999_999_999, imdbId: 114709 }))).toMatchObject(
      { movieId: 1 },
    );
  });

  it('matches Letterboxd titles: ≥ 95 % of the fixture’s films that are in the catalogue, none wrongly', () => {
    const expected = parse(fs.readFileSync(path.join(FIXTURES, 'letterboxd-expected.csv')), {
      columns: true,
    }) as {
      Name: string;
      Year: string;
      movieId: string;
      note: string;
    }[];
    const { entries } = readExport(fixture('letterboxd/ratings.csv'), 'ratings.csv');
    expect(entries).toHaveLength(expected.length);
    let inCatalogue = 0;
    let matched = 0;
    const misses: string[] = [];
    entries.forEach((row, i) => {
      const truth = expected[i]!;
      const match = catalogue.match(row);
      if (!truth.movieId) {
        expect([row.title, match]).toEqual([row.title, { status: 'missing' }]); // never a wrong film
        return;
      }
      inCatalogue += 1;
      if (match.status === 'matched') {
        expect([row.title, match.movieId]).toEqual([row.title, Number(truth.movieId)]);
        matched += 1;
      } else if (match.status === 'ambiguous') {
        expect(match.candidates).toContain(Number(truth.movieId)); // the visitor can pick the right one
        misses.push(`${row.title} (ambiguous)`);
      } else misses.push(row.title);
    });
    // 127 of the 134 films are in the catalogue (124 matched, 97.6 %); the misses are the two truly ambiguous titles (two films each, same year) and
    // "Life of Brian", which MovieLens calls "Monty Python's Life of Brian".
    expect(inCatalogue).toBe(127);
    expect(misses.sort()).toEqual(['Emma (ambiguous)', 'Life of Brian', 'War of the Worlds (ambiguous)']);
    expect(matched / inCatalogue).toBeGreaterThanOrEqual(0.95);
  });

  it('prefers the film of the exact year, accepts a year off by one, and no further', () => {
    expect(catalogue.match(entry('Hamlet', 1996))).toMatchObject({ movieId: 1411 });
    expect(catalogue.match(entry('Hamlet', 1997))).toMatchObject({ movieId: 1411 });
    expect(catalogue.match(entry('Hamlet', 1998))).toEqual({ status: 'missing' });
    expect(catalogue.match(entry('Hamlet', null))).toMatchObject({ status: 'ambiguous' });
  });

  it('gives every candidate when titles and years tie', () => {
    expect(catalogue.match(entry('War of the Worlds', 2005))).toEqual({
      status: 'ambiguous',
      candidates: [34048, 64997],
    });
  });

  it('tries a part of a title only when no full title matches', () => {
    const small = indexCatalogue([
      { id: 1, title: 'Alien (1979)', year: 1979, imdbId: null, tmdbId: null },
      { id: 2, title: 'Alien: The Director’s Cut (1979)', year: 1979, imdbId: null, tmdbId: null },
    ]);
    expect(small.match(entry('Alien', 1979))).toEqual({ status: 'matched', movieId: 1, by: 'title' });
  });
});
