import { findMovieLensFiles, type MovieLensLayout } from './layouts';
import { readDataset } from './parse';
import { hashInputs } from './text-source';
import type { MovieLensDataset } from './types';

export interface MovieLensFolder extends MovieLensDataset {
  /** The folder, resolved to an absolute path. */
  dir: string;
  layout: MovieLensLayout;
  /** sha256 (hex) over the files' names, sizes and bytes: the same data always gives the same version. */
  dataVersion: string;
}

/**
 * Reads and validates a whole MovieLens folder (any layout) into typed rows in memory: for small data (tests,
 * the CLIs). The import streams instead. Throws a MovieLensDataError naming the file, the line and the reason.
 */
export function readMovieLensDir(dir: string): MovieLensFolder {
  const files = findMovieLensFiles(dir);
  const dataVersion = hashInputs(files.inputs);
  return { ...readDataset(files), dir: files.dir, layout: files.layout, dataVersion };
}
