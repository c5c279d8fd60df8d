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
});
