import fs from 'node:fs';
import path from 'node:path';
import { MovieLensDataError } from './errors';
import type { TextEncoding, TextInput } from './text-source';
import { MOVIELENS_FILES } from './types';

/**
 * The MovieLens releases this reader knows, told apart by their file names:
 * - ml-latest (ml-latest-small, ml-25m, ml-32m...): movies.csv, links.csv, ratings.csv, tags.csv; UTF-8 CSV.
 * - ml-100k: u.item (`|`, 19 genre flags named by u.genre), u.data (tab-separated); Latin-1; no tags, no links.
 * - ml-1m: movies.dat, ratings.dat (`::`), users.dat; Latin-1; no tags, no links.
 * - ml-10m: movies.dat, ratings.dat, tags.dat (`::`); UTF-8; no links.
 */
export type MovieLensLayout = 'ml-latest' | 'ml-100k' | 'ml-1m' | 'ml-10m';

export interface MovieLensFiles {
  /** The folder, resolved to an absolute path. */
  dir: string;
  layout: MovieLensLayout;
  /** Every file the data version covers, in hash order. */
  inputs: TextInput[];
  movies: TextInput;
  links?: TextInput;
  ratings: TextInput;
  tags?: TextInput;
  /** ml-100k's u.genre. */
  genres?: TextInput;
}

/** Finds which MovieLens layout `dir` holds; a missing folder or file is one clear MovieLensDataError. */
export function findMovieLensFiles(dir: string): MovieLensFiles {
  const absolute = path.resolve(dir);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new MovieLensDataError(absolute, null, 'MovieLens folder not found');
  }
  const has = (name: string) => fs.existsSync(path.join(absolute, name));
  const input = (name: string, encoding: TextEncoding): TextInput => ({
    name,
    path: path.join(absolute, name),
    encoding,
  });
  const require = (names: readonly string[], layout: string) => {
    for (const name of names) {
      if (!has(name))
        throw new MovieLensDataError(
          name,
          null,
          `file not found in ${absolute} (a${layout} MovieLens folder has ${names.join(', ')})`,
        );
    }
  };
  if (MOVIELENS_FILES.some(has)) {
    require(MOVIELENS_FILES, '');
    const [movies, links, ratings, tags] = MOVIELENS_FILES.map((name) => input(name, 'utf8')) as [
      TextInput,
      TextInput,
      TextInput,
      TextInput,
    ];
    return {
      dir: absolute,
      layout: 'ml-latest',
      inputs: [movies, links, ratings, tags],
      movies,
      links,
      ratings,
      tags,
    };
  }
  if (has('u.data')) {
    require(['u.item', 'u.data', 'u.genre'], 'n ml-100k');
    const [movies, ratings, genres] = ['u.item', 'u.data', 'u.genre'].map((name) =>
      input(name, 'latin1'),
    ) as [TextInput, TextInput, TextInput];
    return { dir: absolute, layout: 'ml-100k', inputs: [movies, ratings, genres], movies, ratings, genres };
  }
  if (has('ratings.dat') || has('movies.dat')) {
    require(['movies.dat', 'ratings.dat'], 'n ml-1m or ml-10m');
    // ml-1m (the one with users.dat) was released in Latin-1, ml-10m in UTF-8.
    const layout = has('users.dat') ? 'ml-1m' : 'ml-10m';
    const encoding = layout === 'ml-1m' ? 'latin1' : 'utf8';
    const movies = input('movies.dat', encoding);
    const ratings = input('ratings.dat', encoding);
    const tags = has('tags.dat') ? input('tags.dat', encoding) : undefined;
    return {
      dir: absolute,
      layout,
      inputs: tags ? [movies, ratings, tags] : [movies, ratings],
      movies,
      ratings,
      tags,
    };
  }
  throw new MovieLensDataError(
    absolute,
    null,
    `no MovieLens files: expected ${MOVIELENS_FILES.join(', ')} (ml-latest), u.item and u.data (ml-100k), or movies.dat and ratings.dat (ml-1m, ml-10m)`,
  );
}
