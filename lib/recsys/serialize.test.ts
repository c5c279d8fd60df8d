import { fitCosine } from './cosine';
import { buildRatingMatrix, matrixFingerprint, type RatingRow } from './matrix';
import { decodeModel, encodeModel, MatrixMismatchError } from './serialize';
import { syntheticMatrix } from './test-helpers';

const mat = syntheticMatrix(60, 80, { density: 0.35, seed: 7 });
const model = fitCosine(mat);

describe('a model that keeps the rating matrix (cosine)', () => {
  it('inline: carries the matrix and decodes without one', () => {
    const back = decodeModel(encodeModel(model));
    const matrix = back.matrix as typeof mat;
    expect(matrix).not.toBe(mat);
    expect(Array.from(matrix.colIdx)).toEqual(Array.from(mat.colIdx));
    expect(Array.from(matrix.colValues)).toEqual(Array.from(mat.colValues));
  });

  it('reference: leaves the matrix out, and takes back the very matrix it was fitted on', () => {
    const inline = encodeModel(model);
    const reference = encodeModel(model, { matrix: 'reference' });
    expect(reference.byteLength).toBeLessThan(inline.byteLength - mat.nnz * 8);
    const back = decodeModel(reference, { matrix: mat });
    expect(back.matrix).toBe(mat);
    expect(Array.from(back.userNorms as Float64Array)).toEqual(Array.from(model.userNorms));
    expect(Object.keys(back).filter((key) => key.startsWith('matrix.'))).toEqual([]);
  });

  it('reference: refuses no matrix, another matrix, and one differing in a single rating', () => {
    const reference = encodeModel(model, { matrix: 'reference' });
    expect(() => decodeModel(reference)).toThrow(MatrixMismatchError);
    expect(() =>
      decodeModel(reference, { matrix: syntheticMatrix(60, 80, { density: 0.35, seed: 8 }) }),
    ).toThrow(/fitted on another rating matrix/);
    const rows: RatingRow[] = [];
    for (let i = 0; i < mat.users; i++)
      for (let p = mat.rowPtr[i] as number; p < (mat.rowPtr[i + 1] as number); p++)
        rows.push({
          userId: mat.userIds[i] as number,
          movieId: mat.movieIds[mat.colIdx[p] as number] as number,
          rating: mat.values[p] as number,
        });
    const same = buildRatingMatrix(rows);
    expect(matrixFingerprint(same)).toBe(matrixFingerprint(mat));
    expect(decodeModel(reference, { matrix: same }).matrix).toBe(same);
    const last = rows[rows.length - 1] as RatingRow;
    last.rating = last.rating === 5 ? 4.5 : last.rating + 0.5;
    expect(() => decodeModel(reference, { matrix: buildRatingMatrix(rows) })).toThrow(MatrixMismatchError);
  });

  it('inline, given back the same matrix: keeps the one given (one matrix in memory); another: its own copy', () => {
    const inline = encodeModel(model);
    expect(decodeModel(inline, { matrix: mat }).matrix).toBe(mat);
    const other = syntheticMatrix(60, 80, { density: 0.35, seed: 9 });
    const own = decodeModel(inline, { matrix: other }).matrix as typeof mat;
    expect(own).not.toBe(other);
    expect(Array.from(own.values)).toEqual(Array.from(mat.values));
  });

  it('marks a payload without its matrix with format version 2, so that a build before references refuses it', () => {
    const version = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
    expect(version(encodeModel(model))).toBe(1);
    expect(version(encodeModel(model, { matrix: 'reference' }))).toBe(2);
    const future = encodeModel(model);
    new DataView(future.buffer).setUint32(4, 3, true);
    expect(() => decodeModel(future)).toThrow('unsupported model version 3');
  });
});

describe('decoding as views', () => {
  it('shares the payload bytes instead of copying them, and copies by default', () => {
    const bytes = encodeModel(model);
    const viewed = decodeModel(bytes, { views: true });
    expect((viewed.userNorms as Float64Array).buffer).toBe(bytes.buffer);
    expect((viewed.matrix as typeof mat).colIdx.buffer).toBe(bytes.buffer);
    expect(Array.from(viewed.userNorms as Float64Array)).toEqual(Array.from(model.userNorms));
    expect((decodeModel(bytes).userNorms as Float64Array).buffer).not.toBe(bytes.buffer);
  });
});
