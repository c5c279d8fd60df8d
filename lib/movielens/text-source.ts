import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { MovieLensDataError } from './errors';

/**
 * The byte layer of every MovieLens reader: a file (or bytes in memory) read a chunk at a time and cut into numbered
 * lines, so memory stays flat however large the file. It refuses, with the file and the line, what must never
 * reach the database: anything that is not a regular file (a directory, a FIFO that would block for ever), NUL
 * bytes, and bytes that are not valid in the file's encoding.
 */

export type TextEncoding = 'utf8' | 'latin1';

/** A file of a MovieLens folder: `name` is what messages say ("ratings.csv"), `path` where it is. */
export interface TextInput {
  name: string;
  path?: string;
  /** In-memory content instead of a path (tests, small strings). */
  content?: Buffer | string;
  /** ml-latest and ml-10m are UTF-8; ml-100k and ml-1m are Latin-1 (every byte is a character). */
  encoding?: TextEncoding;
}

/** Consecutive physical lines (the CR of CRLF removed); `first` is the 1-based number of lines[0]. */
export interface LineBatch {
  lines: string[];
  first: number;
}

const CHUNK_BYTES = 256 << 10;
/** A longer line is not MovieLens data (and would make memory grow with the file). */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * Opens a file without blocking (a FIFO opened for reading would wait for a writer) and checks what it is before
 * reading a byte.
 */
function openRegularFile(input: TextInput & { path: string }): { fd: number; size: number } {
  let fd: number;
  try {
    fd = fs.openSync(input.path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot be opened (${code ?? String(error)})`;
    throw new MovieLensDataError(input.name, null, reason);
  }
  const stats = fs.fstatSync(fd);
  if (!stats.isFile()) {
    fs.closeSync(fd);
    const kind = stats.isDirectory()
      ? 'a directory'
      : stats.isFIFO()
        ? 'a FIFO (named pipe)'
        : stats.isSocket()
          ? 'a socket'
          : 'a device';
    throw new MovieLensDataError(input.name, null, `is ${kind}, not a regular file: refused`);
  }
  return { fd, size: stats.size };
}

/** The raw bytes of an input, a chunk at a time; `onOpen` learns the size first (the data version hashes it). */
function* chunks(input: TextInput, onOpen?: (size: number) => void): Generator<Buffer> {
  if (input.content !== undefined) {
    const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
    onOpen?.(bytes.length);
    if (bytes.length > 0) yield bytes;
    return;
  }
  if (input.path === undefined) throw new Error(`${input.name}: neither a path nor content`);
  const { fd, size } = openRegularFile({ ...input, path: input.path });
  try {
    onOpen?.(size);
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      total += read;
      yield buffer.subarray(0, read);
    }
    if (total !== size)
      throw new MovieLensDataError(
        input.name,
        null,
        `the file changed while it was read (${size} bytes, then ${total})`,
      );
  } finally {
    fs.closeSync(fd);
  }
}

/** Yields the lines of an input in batches (one per chunk read), numbered from 1, a UTF-8 BOM removed. */
export function* lineBatches(input: TextInput): Generator<LineBatch> {
  const encoding = input.encoding ?? 'utf8';
  let carry: Buffer | undefined;
  let first = 1;
  let start = true;
  for (let chunk of chunks(input)) {
    if (start) {
      start = false;
      if (encoding === 'utf8' && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
        chunk = chunk.subarray(3);
    }
    if (carry) chunk = Buffer.concat([carry, chunk]);
    const end = chunk.lastIndexOf(0x0a);
    if (end === -1) {
      carry = chunk;
      if (carry.length > MAX_LINE_BYTES)
        throw new MovieLensDataError(input.name, first, 'the line is longer than 1 MB: not a MovieLens file');
      continue;
    }
    // Copied: a view would keep the whole chunk alive with it.
    carry = end + 1 < chunk.length ? Buffer.from(chunk.subarray(end + 1)) : undefined;
    const batch = decodeLines(input.name, encoding, chunk.subarray(0, end), first);
    first += batch.lines.length;
    yield batch;
  }
  if (carry && carry.length > 0) yield decodeLines(input.name, encoding, carry, first);
}

/** Lines of `bytes` (complete lines, the last newline excluded), checked for NUL and for the encoding. */
function decodeLines(name: string, encoding: TextEncoding, bytes: Buffer, first: number): LineBatch {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new MovieLensDataError(
      name,
      first + countNewlines(bytes, nul),
      'a NUL byte: a binary or corrupted file, not MovieLens text',
    );
  }
  if (encoding === 'utf8' && !isUtf8(bytes)) {
    throw new MovieLensDataError(
      name,
      first + invalidUtf8Line(bytes),
      'bytes that are not UTF-8 (a Latin-1 file?): ml-latest and ml-10m files are UTF-8',
    );
  }
  const lines = bytes.toString(encoding).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  return { lines, first };
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}

/** The 0-based line of the first invalid UTF-8 sequence (a newline byte never occurs inside a valid one). */
function invalidUtf8Line(bytes: Buffer): number {
  let line = 0;
  for (let start = 0; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    start = end + 1;
  }
  return line;
}

/**
 * The data version of a set of files: sha256 over each file's name, size and bytes, in order, read a chunk at a
 * time. The same bytes always give the same version (for ml-latest-small the same as when files were read whole).
 */
export function hashInputs(inputs: readonly TextInput[]): string {
  const hash = crypto.createHash('sha256');
  for (const input of inputs) {
    for (const chunk of chunks(input, (size) => hash.update(`${input.name}\0${size}\0`))) hash.update(chunk);
  }
  return hash.digest('hex');
}
