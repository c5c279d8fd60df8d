/**
 * A new visitor's top-n from the bundled data, with titles and explanations.
 *   npm run recommend -- --rate 1=5 --rate 2571=4.5 [--algorithm nmf|cosine|popular|ease|mf]
 *     [--fill movie-median] [--rank 20] [--neighbours 30] [--n 10] [--data data/ml-latest-small] [--json]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildRatingMatrix, createRecommender, fitModel, type RatedMovie } from '../lib/recsys/index';
import { readMoviesCsv, readRatingsCsv } from './lib/recsys-data';
import { fitOptionsFor, positiveInt, requireFile } from './lib/recsys-cli';
import { runScript, UsageError } from './lib/run-script';
import { isRatingValue, RATING_SCALE_TEXT } from '../lib/rating-scale';

runScript(() => {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', multiple: true, default: [] },
      algorithm: { type: 'string', default: 'nmf' },
      fill: { type: 'string' },
      rank: { type: 'string' },
      neighbours: { type: 'string' },
      n: { type: 'string' },
      data: { type: 'string', default: 'data/ml-latest-small' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const profile: RatedMovie[] = values.rate.map((r) => {
    const m = /^(\d+)=(\d(?:\.\d+)?)$/.exec(r);
    const rating = Number(m?.[2]);
    if (!m || !isRatingValue(rating))
      throw new UsageError(`--rate wants movieId=rating with a rating from ${RATING_SCALE_TEXT}, got '${r}'`);
    return { movieId: Number(m[1]), rating };
  });
  if (values.algorithm === 'all') throw new UsageError('--algorithm all is for evaluate; pick one');
  const [options] = fitOptionsFor(
    values.algorithm,
    values.fill,
    values.rank ? positiveInt('rank', values.rank, 20) : undefined,
    values.neighbours ? positiveInt('neighbours', values.neighbours, 30) : undefined,
  );
  const movies = readMoviesCsv(requireFile(path.join(values.data, 'movies.csv')));
  const mat = buildRatingMatrix(readRatingsCsv(requireFile(path.join(values.data, 'ratings.csv'))));
  for (const p of profile)
    if (!mat.movieIndex.has(p.movieId))
      console.error(`note: movie ${p.movieId} has no ratings in the data; skipped`);
  console.error(`fitting ${JSON.stringify(options)}…`);
  const rec = createRecommender(fitModel(mat, options as NonNullable<typeof options>));
  const out = rec.recommend(profile, { n: positiveInt('n', values.n, 10) });
  const title = (id: number) => movies.get(id)?.title ?? `movie ${id}`;
  if (values.json) {
    console.log(
      JSON.stringify({
        algorithm: rec.algorithm,
        params: rec.params,
        recommendations: out.map((r) => ({ ...r, title: title(r.movieId) })),
      }),
    );
    return;
  }
  out.forEach((r, i) => {
    const e = r.explanation;
    let why = '';
    if (e.kind === 'popular' && 'ratingCount' in e)
      why = `popular: ${e.ratingCount} ratings, mean ${Number(e.meanRating).toFixed(2)}`;
    else if ('because' in e && Array.isArray(e.because))
      why =
        'because you rated ' +
        (e.because as { movieId: number; rating: number; contribution: number }[])
          .filter((b) => b.contribution > 0)
          .slice(0, 3)
          .map((b) => `${title(b.movieId)} (${b.rating})`)
          .join(', ');
    else if ('neighbours' in e && Array.isArray(e.neighbours))
      why =
        `${e.supporters} similar users rated it: ` +
        (e.neighbours as { userId: number; similarity: number; rating: number }[])
          .slice(0, 3)
          .map((n) => `user ${n.userId} (sim ${n.similarity.toFixed(2)}) gave ${n.rating}`)
          .join(', ');
    const pr = r.predictedRating === null ? '' : `  predicted ${r.predictedRating.toFixed(2)}`;
    console.log(
      `${String(i + 1).padStart(2)}. ${title(r.movieId)}  [score ${r.score.toFixed(3)}${pr}]\n      ${why}`,
    );
  });
});
