import type { Metadata } from 'next';
import Link from 'next/link';
import { EvaluationTable } from '@/components/recommendations/evaluation-table';
import { EvaluationChart } from '@/components/charts/evaluation-chart';
import {
  EVALUATION,
  evaluationRows,
  measuredQuality,
  type EvaluationResultRow,
} from '@/lib/recsys/evaluation-results';
import { modelSpecByKey } from '@/lib/recsys/model-specs';

export const metadata: Metadata = { title: 'How it works' };

function Formula({ children }: { children: React.ReactNode }) {
  return (
    <p className="formula font-monospace bg-body-tertiary rounded px-3 py-2 overflow-x-auto">{children}</p>
  );
}

/** A served model's evaluation row, or another algorithm's (by name). */
function served(key: string): EvaluationResultRow | null {
  const spec = modelSpecByKey(key);
  return spec ? measuredQuality(spec) : null;
}

function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

export default function AboutPage() {
  const rows = evaluationRows();
  const [forYou, cosine, zeros, movieMedian, masked, popular] = [
    'for-you',
    'cosine',
    'nmf-zeros',
    'nmf-movie-median',
    'nmf-masked',
    'popular',
  ].map(served);
  const ease = EVALUATION.results.find((row) => row.algorithm === 'ease') ?? null;
  return (
    <article className="about" style={{ maxWidth: '52rem' }}>
      <h1 className="h2">How the recommendations work</h1>
      <p className="lead">
        Everything starts from one table: 610 MovieLens users × 9,742 movies, with 100,836 ratings from 0.5★
        to 5★. Almost all of it (98.3%) is blank. Each algorithm is a different guess about the blanks. Your
        own ratings are never part of training: when you ask for recommendations, the trained model takes your
        ratings as they are at that moment (“fold-in”), so a new rating changes your list at once.
      </p>

      <h2 className="h4 mt-4">NMF: taste factors</h2>
      <p>
        Non-negative matrix factorisation writes the users × movies table <var>V</var> as the product of two
        thin tables with no negative numbers: <var>W</var> (each user’s weight on 20 “taste factors”) and{' '}
        <var>H</var> (how much each movie expresses each factor). It chooses them to make the reconstruction
        as close as possible:
      </p>
      <Formula>
        minimise ½ ‖V − W H‖²<sub>F</sub> = ½ Σ<sub>u,j</sub> (v<sub>uj</sub> − w<sub>u</sub> · h<sub>j</sub>
        )² subject to W ≥ 0, H ≥ 0
      </Formula>
      <p>
        The catch is the blanks: the sum runs over every cell, so something must stand in for the 98% that
        nobody rated. That is the <strong>fill</strong> you can choose on the recommendations page:
      </p>
      <ul>
        <li>
          <strong>zeros</strong> — a blank counts as a 0★ rating. The model mostly learns <em>which</em>{' '}
          movies people watch, and its “predicted ratings” sit near zero, so we show a score instead. It ranks
          poorly in the evaluation below.
        </li>
        <li>
          <strong>global median</strong> — a blank counts as the median of all ratings (3.5★): everything
          unseen is “fine”.
        </li>
        <li>
          <strong>movie median</strong> — a blank counts as that movie’s own median. A movie with a single 5★
          rating gets 5★ in every blank, which is why the page asks for a minimum number of ratings by
          default.
        </li>
        <li>
          <strong>masked</strong> — blanks are left out of the sum; only real ratings are fitted, with a
          global mean, a bias per user and per movie, and a small penalty on large factors to avoid
          over-fitting:
          <Formula>
            ½ Σ<sub>(u,j) rated</sub> (r<sub>uj</sub> − μ − b<sub>u</sub> − b<sub>j</sub> − w<sub>u</sub> · h
            <sub>j</sub>)² + λ (‖w<sub>u</sub>‖² + ‖h<sub>j</sub>‖²) + λ<sub>b</sub> (b<sub>u</sub>² + b
            <sub>j</sub>²)
          </Formula>
        </li>
      </ul>
      <p>
        <strong>Fold-in.</strong> For you, <var>H</var> stays fixed and only your row is solved: your factor
        weights are the non-negative <var>w</var> that best reproduce your ratings (with the same fill for the
        movies you have not rated),
      </p>
      <Formula>
        w<sub>you</sub> = argmin<sub>w ≥ 0</sub> ½ ‖v<sub>you</sub> − w H‖², predicted rating r̂<sub>j</sub> =
        w<sub>you</sub> · h<sub>j</sub>
      </Formula>
      <p>
        The explanation on each card (“because you liked The Matrix (5★)”) splits a movie’s score into the
        part each of your ratings contributed through the factors, and names the largest ones among the movies
        you liked.
      </p>

      <h2 className="h4 mt-4">Similar users: cosine similarity</h2>
      <p>
        This one keeps the table as it is and compares people. Each person’s ratings form a vector (a blank
        counts as 0); two people are alike when their vectors point the same way, whatever their length:
      </p>
      <Formula>
        sim(u, v) = Σ<sub>j</sub> r<sub>uj</sub> r<sub>vj</sub> / ( ‖r<sub>u</sub>‖ · ‖r<sub>v</sub>‖ )
      </Formula>
      <p>
        Your 30 most similar users are your neighbours, and a movie scores by how many of them rated it and
        how highly (summing rather than averaging, so a movie one neighbour loved does not beat one that
        twenty liked):
      </p>
      <Formula>
        score(j) = Σ<sub>v ∈ neighbours, v rated j</sub> sim(you, v) · r<sub>vj</sub>
      </Formula>
      <p>
        The <Link href="/similarity">heat map</Link> uses the adjusted version, each person’s ratings minus
        their own average r̄ (so a harsh and a generous rater who agree still match, and opposite tastes show
        as −1):
      </p>
      <Formula>
        sim(u, v) = Σ<sub>j</sub> (r<sub>uj</sub> − r̄<sub>u</sub>)(r<sub>vj</sub> − r̄<sub>v</sub>) / ( ‖r
        <sub>u</sub> − r̄<sub>u</sub>‖ · ‖r<sub>v</sub> − r̄<sub>v</sub>‖ )
      </Formula>
      <p>
        For choosing neighbours the plain version ranked better in our evaluation, so the recommendations use
        it.
      </p>
      <p>That is the “liked by 7 people with tastes like yours who rated it 4★ or more” on the cards.</p>

      <h2 className="h4 mt-4">For you: the default list</h2>
      <p>
        The list you see first blends two methods added to the original design because they rank better.{' '}
        <strong>EASE</strong> learns, in one closed-form step, how much liking one movie says about liking
        each other movie (each rating weighted by its stars, very popular movies weighted down a little).{' '}
        <strong>Implicit ALS</strong> learns 32 taste factors from what people chose to watch. Both scores are
        linear in your ratings, so “because you liked Toy Story (5★) and Up (5★)” names the movies that
        contributed most, and only movies you liked. Its NDCG@10 is {fixed(forYou?.ndcgAt10)} against{' '}
        {fixed(ease?.ndcgAt10)} for EASE alone, a difference a paired test over users finds significant (
        <code>npm run evaluate -- --compare ease-ials ease</code>).
      </p>
      <p>
        The original design’s methods stay selectable, exactly as described above. On the site they rank among
        the 100 movies most watched with the ones you liked: without that, they gave opposite tastes (a Pixar
        fan and a horror fan) the same high-average films.
      </p>
      <h2 className="h4 mt-4">Your predicted rating</h2>
      <p>
        The “For you 4.2★” on a card comes from one model whatever list you read: the masked NMF above, with
        its biases, the best rating predictor in our evaluation (RMSE {fixed(masked?.rmse)} stars, against{' '}
        {fixed(popular?.rmse)} for a movie’s own average). With few ratings it leans towards the movie’s
        average, so two 5★ ratings do not make every card a 5★. It appears once you have rated 5 movies.
      </p>

      <h2 className="h4 mt-4" id="evaluation">
        How well do they do?
      </h2>
      <p>
        We hid a random 20% of each MovieLens user’s ratings, trained on the rest, and asked each algorithm
        for that user’s top 10 among all the movies they had not rated in training. A hidden movie rated 4★ or
        more counts as a hit.
        <strong> Precision@10</strong> is the share of the 10 that are hits, <strong>recall@10</strong> the
        share of the user’s hits that made the 10, and <strong>NDCG@10</strong> also rewards hits placed near
        the top. RMSE is the typical error of a predicted rating, in stars (lower is better; “—” where an
        algorithm does not predict ratings).
      </p>
      {rows.length > 0 ? (
        <>
          <div className="card mb-3">
            <div className="card-body">
              <EvaluationChart rows={rows} />
            </div>
          </div>
          <EvaluationTable rows={rows} />
        </>
      ) : (
        <p className="text-body-secondary">No evaluation results are bundled with this build.</p>
      )}
      <p className="small text-body-secondary">
        Generated {EVALUATION.generatedAt} with <code>{EVALUATION.command}</code> ({EVALUATION.split}).
      </p>
      <p>What it says, plainly:</p>
      <ul>
        <li>
          All the numbers are small, because each user’s hidden hits are a handful among 9,700 movies.{' '}
          <strong>Popular</strong> (NDCG {fixed(popular?.ndcgAt10)}) is a hard baseline on MovieLens: people
          mostly rate well-known films.
        </li>
        <li>
          <strong>Ranking</strong>: For you ({fixed(forYou?.ndcgAt10)}), EASE ({fixed(ease?.ndcgAt10)}),
          similar users ({fixed(cosine?.ndcgAt10)}) and NMF with zeros ({fixed(zeros?.ndcgAt10)}) beat
          popular.
        </li>
        <li>
          <strong>NMF with zeros</strong> ranks well because “unrated = 0” teaches it what people watch, but
          its predicted ratings are near zero and mean nothing as ratings: it has no RMSE at all.
        </li>
        <li>
          <strong>NMF with the movie median</strong> ranks worst ({fixed(movieMedian?.ndcgAt10, 3)}): a movie
          with one 5★ rating is “5★” in every blank and floods the top 10. On the site the candidate rule
          above hides that damage; the evaluation has no such rule.
        </li>
        <li>
          <strong>Masked NMF and biased MF</strong> predict ratings best yet rank poorly: they confidently
          rate obscure movies highly. Good rating prediction and good top-10 lists are not the same skill,
          which is why the first predicts the ratings on the cards and neither makes a list.
        </li>
      </ul>
    </article>
  );
}
