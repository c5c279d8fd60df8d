import { binaryCopyRows, COPY_HEADER, joinPieces } from './binary-copy';

/** A binary COPY output built by hand: the header (flags 0, no extension), the rows, the end marker. */
function copyOutput(rows: (Uint8Array | null)[][]): Uint8Array {
  const chunks: number[] = [...COPY_HEADER, 0, 0, 0, 0, 0, 0, 0, 0];
  const int = (n: number, bytes: number) => {
    for (let b = bytes - 1; b >= 0; b--) chunks.push((n >> (8 * b)) & 0xff);
  };
  for (const row of rows) {
    int(row.length, 2);
    for (const field of row) {
      int(field ? field.length : -1, 4);
      if (field) chunks.push(...field);
    }
  }
  int(-1, 2);
  return Uint8Array.from(chunks);
}

describe('binaryCopyRows', () => {
  it('yields each row as its fields, NULL as null', () => {
    const output = copyOutput([
      [Uint8Array.of(0, 0, 0, 7), Uint8Array.of(1, 2, 3)],
      [Uint8Array.of(0, 0, 0, 8), null],
      [Uint8Array.of(0, 0, 0, 9), new Uint8Array(0)],
    ]);
    const rows = [...binaryCopyRows(output)].map((row) => row.map((field) => field && Array.from(field)));
    expect(rows).toEqual([
      [
        [0, 0, 0, 7],
        [1, 2, 3],
      ],
      [[0, 0, 0, 8], null],
      [[0, 0, 0, 9], []],
    ]);
  });

  it('refuses output cut anywhere before its end marker, and what is not binary COPY', () => {
    const output = copyOutput([[Uint8Array.of(0, 0, 0, 7), Uint8Array.of(1, 2, 3)]]);
    for (let cut = 0; cut < output.length; cut++)
      expect(() => [...binaryCopyRows(output.subarray(0, cut))]).toThrow(/ended early|not a binary COPY/);
    const text = new TextEncoder().encode('1\t2\n'.repeat(10));
    expect(() => [...binaryCopyRows(text)]).toThrow('not a binary COPY stream');
  });

  it('joins pieces cut anywhere into the same bytes', () => {
    const output = copyOutput([[Uint8Array.of(5, 6)]]);
    const pieces = [output.subarray(0, 3), output.subarray(3, 20), output.subarray(20)];
    expect(Array.from(joinPieces(pieces))).toEqual(Array.from(output));
  });
});
