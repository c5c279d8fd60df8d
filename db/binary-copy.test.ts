import { BinaryCopyReader, COPY_HEADER } from './binary-copy';

/** A binary COPY output built by hand: the header (flags 0, an extension of `extension` bytes), the rows, the end. */
function copyOutput(rows: (Uint8Array | null)[][], extension = 0): Uint8Array {
  const bytes: number[] = [...COPY_HEADER, 0, 0, 0, 0];
  const int = (n: number, size: number) => {
    for (let b = size - 1; b >= 0; b--) bytes.push((n >> (8 * b)) & 0xff);
  };
  int(extension, 4);
  for (let i = 0; i < extension; i++) bytes.push(0xee);
  for (const row of rows) {
    int(row.length, 2);
    for (const field of row) {
      int(field ? field.length : -1, 4);
      if (field) bytes.push(...field);
    }
  }
  int(-1, 2);
  return Uint8Array.from(bytes);
}

/** Reads `pieces` and returns each row's fields reassembled (null for NULL). */
function read(pieces: Uint8Array[]): (number[] | null)[][] {
  const rows: (number[] | null)[][] = [];
  let row: (number[] | null)[] = [];
  const reader = new BinaryCopyReader((field, bytes, at, length) => {
    if (field === 0 && at === 0) rows.push((row = []));
    if (at === 0) row[field] = length === -1 ? null : [];
    row[field]?.push(...bytes);
  });
  for (const piece of pieces) reader.push(piece);
  reader.end();
  return rows;
}

const rows = [
  [Uint8Array.of(0, 0, 0, 7), Uint8Array.of(1, 2, 3)],
  [Uint8Array.of(0, 0, 0, 8), null],
  [Uint8Array.of(0, 0, 0, 9), new Uint8Array(0)],
];
const expected = [
  [
    [0, 0, 0, 7],
    [1, 2, 3],
  ],
  [[0, 0, 0, 8], null],
  [[0, 0, 0, 9], []],
];

describe('BinaryCopyReader', () => {
  it('hands on every field, NULL as length -1, whatever the pieces', () => {
    const output = copyOutput(rows);
    expect(read([output])).toEqual(expected);
    for (let cut = 0; cut <= output.length; cut++)
      expect(read([output.subarray(0, cut), output.subarray(cut)])).toEqual(expected);
    expect(read(Array.from(output, (byte) => Uint8Array.of(byte)))).toEqual(expected);
  });

  it('skips a header extension', () => {
    const output = copyOutput(rows, 5);
    expect(read(Array.from(output, (byte) => Uint8Array.of(byte)))).toEqual(expected);
  });

  it('refuses output cut before its end marker, bytes after it, a bad length, and what is not binary COPY', () => {
    const output = copyOutput(rows);
    for (let cut = 0; cut < output.length; cut++)
      expect(() => read([output.subarray(0, cut)])).toThrow(/ended early|not a binary COPY/);
    expect(() => read([output, Uint8Array.of(0)])).toThrow('data after the end');
    const badLength = copyOutput([[Uint8Array.of(1)]]);
    badLength.set([0xff, 0xff, 0xff, 0xf0], COPY_HEADER.length + 8 + 2);
    expect(() => read([badLength])).toThrow('a binary COPY field of length -16');
    expect(() => read([new TextEncoder().encode('1\t2\n'.repeat(10))])).toThrow('not a binary COPY stream');
  });
});
