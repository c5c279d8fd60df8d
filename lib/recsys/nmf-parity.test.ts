/**
 * Parity with scikit-learn on the full ml-latest-small matrix. Reference figures: fixtures/
 * nmf-parity-reference.json, copied from /work/shared/fixtures/nmf-parity/reference.json (scikit-learn
 * 1.9.1, NMF(n_components=20, init='nndsvda', solver='cd', tol=1e-4, max_iter=500); see its "source").
 */
import { buildRatingMatrix } from './matrix';
import { fitNmf, createNmfRecommender } from './nmf-recommender';
import reference from './fixtures/nmf-parity-reference.json';
import { readMovieLensSmall } from './test-helpers';

const mat = buildRatingMatrix(readMovieLensSmall());
const newUser = Object.entries(reference.newUser).map(([id, rating]) => ({ movieId: Number(id), rating }));

describe('NMF parity with scikit-learn (ml-latest-small, k = 20)', () => {
  it('has the reference matrix shape', () => {
    expect([mat.users, mat.movies, mat.nnz]).toEqual([
      reference.matrix.users,
      reference.matrix.movies,
      reference.matrix.ratings,
    ]);
  });

  it.each(['zeros', 'global-median', 'movie-median'] as const)(
    '%s: relative error ≤ 1.01 × scikit-learn',
    (fill) => {
      const ref = reference.fills[fill];
      const model = fitNmf(mat, { fill, rank: 20 });
      const rel = model.reconstructionError / model.normV;
      expect(model.normV).toBeCloseTo(ref.normV, 6);
      const top = createNmfRecommender(model)
        .recommend(newUser, { n: 20 })
        .map((r) => r.movieId);
      const overlap = top.filter((id) => ref.newUserTop20.includes(id)).length;
      console.log(
        `${fill}: relative error ${rel.toFixed(6)} vs scikit-learn ${ref.relativeError.toFixed(6)} (×${(rel / ref.relativeError).toFixed(4)}), ${model.iterations} iterations vs ${ref.iterations}, new user's top-20 overlap ${overlap}/20`,
      );
      expect(rel).toBeLessThanOrEqual(1.01 * ref.relativeError);
    },
  );
});
