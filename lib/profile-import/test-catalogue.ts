import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { indexCatalogue, type CatalogueIndex, type CatalogueMovie } from './match';

/** For tests: the bundled ml-latest-small catalogue as the import sees it, and the import fixtures. */
export const FIXTURES = path.join(process.cwd(), 'data/fixtures/imports');
const DATASET = path.join(process.cwd(), 'data/ml-latest-small');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
}

let cached: CatalogueIndex | undefined;

export function mlLatestSmallCatalogue(): CatalogueIndex {
  if (cached) return cached;
  const read = (file: string) =>
    parse(fs.readFileSync(path.join(DATASET, file)), { columns: true }) as Record<string, string>[];
  const links = new Map(read('links.csv').map((row) => [row.movieId, row]));
  const movies: CatalogueMovie[] = read('movies.csv').map((row) => {
    const link = links.get(row.movieId);
    const year = /\((\d{4})\)\s*$/.exec(row.title!)?.[1];
    return {
      id: Number(row.movieId),
      title: row.title!,
      year: year ? Number(year) : null,
      genres: row.genres === '(no genres listed)' ? [] : row.genres!.split('|'),
      imdbId: link?.imdbId || null,
      tmdbId: link?.tmdbId ? Number(link.tmdbId) : null,
    };
  });
  cached = indexCatalogue(movies);
  return cached;
}
