import { MovieLensDataError } from './errors';
import { lineBatches, MAX_LINE_BYTES, type TextInput } from './text-source';

/**
 * Records of a delimited MovieLens file, streamed: CSV with RFC 4180 quotes (ml-latest), or plain separated lines
 * without quoting (`::` in ml-1m/ml-10m, `|` and tab in ml-100k). Every record carries the line it starts on,
 * which stays right after a quoted field that spans lines, for an unclosed quote, and for CRLF and LF mixed.
 */

export interface RecordFormat {
  separator: string;
  /** Double quotes delimit fields (CSV); otherwise a quote is an ordinary character. */
  quoted: boolean;
  /** The expected header line (CSV); undefined for files without one. */
  header?: readonly string[];
  /** Fields per record. */
  columns: number;
}

export interface RecordBatch {
  records: string[][];
  /** lines[i] is the line records[i] starts on. */
  lines: number[];
}

/** Yields the data records of `input` in batches; throws a MovieLensDataError at the first malformed line. */
export function* recordBatches(input: TextInput, format: RecordFormat): Generator<RecordBatch> {
  const { separator, quoted, header, columns } = format;
  const fail = (line: number | null, reason: string): never => {
    throw new MovieLensDataError(input.name, line, reason);
  };
  let needHeader = header !== undefined;
  let count = 0;
  // A quoted field still open at the end of a line: the record so far, the line it started on, and its length.
  let pending: string[] | undefined;
  let pendingLine = 0;
  let pendingLength = 0;
  for (const { lines, first } of lineBatches(input)) {
    const records: string[][] = [];
    const starts: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      let text: string;
      let at: number;
      if (pending) {
        pending.push(line);
        pendingLength += line.length + 1;
        if (!isOdd(countQuotes(line))) {
          if (pendingLength > MAX_LINE_BYTES)
            fail(pendingLine, 'a quoted field opened on this line never closes');
          continue;
        }
        text = pending.join('\n');
        at = pendingLine;
        pending = undefined;
      } else {
        if (line === '') continue;
        at = first + i;
        if (!quoted || line.indexOf('"') === -1) {
          records.push(line.split(separator));
          starts.push(at);
          continue;
        }
        if (isOdd(countQuotes(line))) {
          pending = [line];
          pendingLine = at;
          pendingLength = line.length;
          continue;
        }
        text = line;
      }
      records.push(splitQuoted(text, separator, (reason) => fail(at, `malformed CSV: ${reason}`)));
      starts.push(at);
    }
    let from = 0;
    if (needHeader && records.length > 0) {
      needHeader = false;
      from = 1;
      const found = records[0]!;
      if (found.length !== header!.length || found.some((name, j) => name.trim() !== header![j])) {
        fail(starts[0]!, `expected the header "${header!.join(',')}", found "${found.join(separator)}"`);
      }
    }
    for (let j = from; j < records.length; j++) {
      const found = records[j]!.length;
      if (found !== columns) {
        const expected = header
          ? `${columns} columns (${header.join(',')})`
          : `${columns} fields separated by ${JSON.stringify(separator)}`;
        fail(starts[j]!, `expected ${expected}, found ${found}`);
      }
    }
    if (records.length > from) {
      count += records.length - from;
      yield from === 0
        ? { records, lines: starts }
        : { records: records.slice(from), lines: starts.slice(from) };
    }
  }
  if (pending) fail(pendingLine, 'malformed CSV: a quoted field opened on this line never closes');
  if (needHeader) fail(null, `the file is empty (expected the header "${header!.join(',')}")`);
  if (count === 0)
    fail(
      null,
      header
        ? 'the file has a header but no rows (a truncated file?): refused'
        : 'the file is empty: refused',
    );
}

function countQuotes(line: string): number {
  let count = 0;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) count++;
  return count;
}

function isOdd(count: number): boolean {
  return (count & 1) === 1;
}

/** Splits one CSV record that contains quotes (RFC 4180: "" is a quote inside a quoted field). */
function splitQuoted(text: string, separator: string, fail: (reason: string) => never): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) fail('a quoted field never closes');
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (!text.startsWith(separator, i))
        fail(`${JSON.stringify(text[i])} after the closing quote of field ${fields.length}`);
      i += separator.length;
    } else {
      const end = text.indexOf(separator, i);
      const value = text.slice(i, end === -1 ? text.length : end);
      if (value.includes('"'))
        fail(`a quote inside the unquoted field ${fields.length + 1} (${JSON.stringify(value)})`);
      fields.push(value);
      if (end === -1) return fields;
      i = end + separator.length;
    }
  }
}
