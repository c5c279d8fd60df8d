import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MovieLensFile } from './types';

/**
 * Test helpers (no test runs here): the tiny fixture folder, copies of it with one file changed, and the bad-input
 * cases that the parser tests and the database import tests both run.
 */

export const TINY_DIR = path.join(process.cwd(), 'data/fixtures/tiny');

/** Counts of data/fixtures/tiny (see its README.md). */
export const TINY_COUNTS = { movies: 7, links: 7, ratings: 11, tags: 3, users: 4 } as const;

export type FileEdit =
  | { file: MovieLensFile; append: string }
  | { file: MovieLensFile; line: number; text: string }
  | { file: MovieLensFile; remove: true }
  /** The whole file rewritten from its text (bytes for encodings and NUL). */
  | { file: MovieLensFile; rewrite: (text: string) => string | Buffer }
  /** The file replaced by something that is not a regular file. */
  | { file: MovieLensFile; replaceWith: 'directory' | 'fifo' };

/** A temporary copy of the tiny fixture with the edits applied (CRLF kept); remove it with fs.rmSync (recursive). */
export function writeFixtureCopy(edits: readonly FileEdit[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-fixture-'));
  for (const name of fs.readdirSync(TINY_DIR))
    fs.copyFileSync(path.join(TINY_DIR, name), path.join(dir, name));
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    if ('remove' in edit || 'replaceWith' in edit) {
      fs.rmSync(file);
      if ('replaceWith' in edit && edit.replaceWith === 'directory') fs.mkdirSync(file);
      if ('replaceWith' in edit && edit.replaceWith === 'fifo') execFileSync('mkfifo', [file]);
      continue;
    }
    if ('rewrite' in edit) {
      fs.writeFileSync(file, edit.rewrite(fs.readFileSync(file, 'utf8')));
      continue;
    }
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    if ('append' in edit) lines.splice(lines.length - 1, 0, edit.append);
    else lines[edit.line - 1] = edit.text;
    fs.writeFileSync(file, lines.join('\r\n'));
  }
  return dir;
}

export interface BadInputCase {
  name: string;
  edits: FileEdit[];
  /** The whole one-line message: file, line and reason. */
  message: string | RegExp;
}

// The tiny ratings.csv has a header and 11 rows: an appended row is line 13.
export const BAD_INPUT_CASES: BadInputCase[] = [
  {
    name: 'wrong header',
    edits: [{ file: 'movies.csv', line: 1, text: 'movieId,name,genres' }],
    message: 'movies.csv line 1: expected the header "movieId,title,genres", found "movieId,name,genres"',
  },
  {
    name: 'wrong column count',
    edits: [{ file: 'ratings.csv', line: 3, text: '1,2,3.5' }],
    message: 'ratings.csv line 3: expected 4 columns (userId,movieId,rating,timestamp), found 3',
  },
  {
    name: 'non-numeric user id',
    edits: [{ file: 'ratings.csv', append: 'abc,1,4.0,964982703' }],
    message: 'ratings.csv line 13: userId "abc" is not a positive whole number',
  },
  {
    name: 'non-numeric movie id',
    edits: [{ file: 'movies.csv', append: 'x12,Some Movie (2001),Drama' }],
    message: 'movies.csv line 9: movieId "x12" is not a positive whole number',
  },
  {
    name: 'rating 5.5',
    edits: [{ file: 'ratings.csv', append: '4,1,5.5,964982703' }],
    message: 'ratings.csv line 13: rating 5.5 is not between 0.5 and 5 in half steps',
  },
  {
    name: 'rating 0.25',
    edits: [{ file: 'ratings.csv', line: 5, text: '1,29,0.25,964983815' }],
    message: 'ratings.csv line 5: rating 0.25 is not between 0.5 and 5 in half steps',
  },
  {
    name: 'rating 0',
    edits: [{ file: 'ratings.csv', append: '4,1,0,964982703' }],
    message: 'ratings.csv line 13: rating 0 is not between 0.5 and 5 in half steps',
  },
  {
    name: 'bad timestamp',
    edits: [{ file: 'tags.csv', append: '1,1,fun,yesterday' }],
    message: 'tags.csv line 5: timestamp "yesterday" is not a whole number of seconds since 1970',
  },
  {
    name: 'rating of an unknown movie',
    edits: [{ file: 'ratings.csv', append: '4,999,4.0,964982703' }],
    message: 'ratings.csv line 13: movieId 999 is not in movies.csv',
  },
  {
    name: 'tag of an unknown movie',
    edits: [{ file: 'tags.csv', append: '4,999,fun,964982703' }],
    message: 'tags.csv line 5: movieId 999 is not in movies.csv',
  },
  {
    name: 'link to an unknown movie',
    edits: [{ file: 'links.csv', append: '999,0114709,862' }],
    message: 'links.csv line 9: movieId 999 is not in movies.csv',
  },
  {
    name: 'duplicate rating',
    edits: [{ file: 'ratings.csv', append: '1,11,3.0,964982800' }],
    message: 'ratings.csv line 13: user 1 rated movie 11 twice',
  },
  {
    name: 'missing file',
    edits: [{ file: 'tags.csv', remove: true }],
    message:
      /^tags\.csv: file not found in \S+movielens-fixture-\S+ \(a MovieLens folder has movies\.csv, links\.csv, ratings\.csv, tags\.csv\)$/,
  },
  // Issue 13, item 5: input that used to slip through or fail with a stack.
  {
    name: 'Latin-1 bytes in a title',
    edits: [
      {
        file: 'movies.csv',
        rewrite: (text) => Buffer.from(text.replace('Jumanji', 'Jumanj\u00ed'), 'latin1'),
      },
    ],
    message:
      'movies.csv line 3: bytes that are not UTF-8 (a Latin-1 file?): ml-latest and ml-10m files are UTF-8',
  },
  {
    name: 'a control character in a tag',
    edits: [{ file: 'tags.csv', append: '1,1,bad\u0001tag,964982703' }],
    message: 'tags.csv line 5: tag "bad\\u0001tag" contains the control character U+0001',
  },
  {
    name: 'a NUL byte',
    edits: [{ file: 'movies.csv', line: 6, text: '40697,Babylon\u00005,Sci-Fi' }],
    message: 'movies.csv line 6: a NUL byte: a binary or corrupted file, not MovieLens text',
  },
  {
    name: 'a directory named movies.csv',
    edits: [{ file: 'movies.csv', replaceWith: 'directory' }],
    message: 'movies.csv: is a directory, not a regular file: refused',
  },
  {
    name: 'a FIFO named ratings.csv (must not hang)',
    edits: [{ file: 'ratings.csv', replaceWith: 'fifo' }],
    message: 'ratings.csv: is a FIFO (named pipe), not a regular file: refused',
  },
  {
    name: 'a quoted title across two lines (the line it starts on)',
    edits: [{ file: 'movies.csv', line: 3, text: '2,"Jumanji\r\n(1995)",Adventure' }],
    message: 'movies.csv line 3: title "Jumanji\\n(1995)" contains the control character U+000A',
  },
  {
    name: 'an unterminated quote (the line it opens on)',
    edits: [{ file: 'movies.csv', line: 3, text: '2,"Jumanji (1995),Adventure' }],
    message: 'movies.csv line 3: malformed CSV: a quoted field opened on this line never closes',
  },
  {
    name: 'CRLF then LF',
    edits: [
      {
        file: 'ratings.csv',
        rewrite: (text) =>
          text
            .split('\r\n')
            .map((line, i) => (i < 5 ? `${line}\r\n` : `${line}\n`))
            .join('')
            .trimEnd() + '\n4,1,7,964982703\n',
      },
    ],
    message: 'ratings.csv line 13: rating 7 is not between 0.5 and 5 in half steps',
  },
  // Issue 13, item 3: a header-only (truncated) file is never an empty dataset.
  {
    name: 'movies.csv with only its header',
    edits: [{ file: 'movies.csv', rewrite: (text) => `${text.split('\r\n')[0]}\r\n` }],
    message: 'movies.csv: the file has a header but no rows (a truncated file?): refused',
  },
  {
    name: 'ratings.csv with only its header',
    edits: [{ file: 'ratings.csv', rewrite: (text) => `${text.split('\r\n')[0]}\r\n` }],
    message: 'ratings.csv: the file has a header but no rows (a truncated file?): refused',
  },
];
