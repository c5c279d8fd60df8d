import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MovieLensDataError } from './errors';
import { parseMovieLens } from './parse';
import { MOVIELENS_FILES, type MovieLensDataset, type MovieLensFile } from './types';

export interface MovieLensFolder extends MovieLensDataset {
  /** The folder, resolved to an absolute path. */
  dir: string;
  /** sha256 (hex) over the four CSV files' names and bytes: the same data always gives the same version. */
  dataVersion: string;
}

/** Reads the four CSV files of a folder; a missing folder or file is a MovieLensDataError (one clear line). */
export function readMovieLensFiles(dir: string): { dir: string; files: Record<MovieLensFile, Buffer>; dataVersion: string } {
  const absolute = path.resolve(dir);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new MovieLensDataError(absolute, null, 'MovieLens folder not found');
  }
  const hash = crypto.createHash('sha256');
  const files = {} as Record<MovieLensFile, Buffer>;
  for (const name of MOVIELENS_FILES) {
    const file = path.join(absolute, name);
    if (!fs.existsSync(file)) {
      throw new MovieLensDataError(name, null, `file not found in ${absolute} (a MovieLens folder has ${MOVIELENS_FILES.join(', ')})`);
    }
    const bytes = fs.readFileSync(file);
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
    files[name] = bytes;
  }
  return { dir: absolute, files, dataVersion: hash.digest('hex') };
}

/**
 * Reads and validates a MovieLens folder (e.g. data/ml-latest-small) into typed rows. Throws a
 * MovieLensDataError naming the file, the line and the reason at the first bad row.
 */
export function readMovieLensDir(dir: string): MovieLensFolder {
  const { dir: absolute, files, dataVersion } = readMovieLensFiles(dir);
  const dataset = parseMovieLens({
    movies: files['movies.csv'],
    links: files['links.csv'],
    ratings: files['ratings.csv'],
    tags: files['tags.csv'],
  });
  return { ...dataset, dir: absolute, dataVersion };
}
