/**
 * The one list of algorithms. Everything that names an algorithm derives from this object: the `AlgorithmName`,
 * `Model` and `FitOptions` types, `fitModel`, `createRecommender` and deserialisation (index.ts), the CLIs'
 * `--algorithm` choices and `all` (scripts/lib/recsys-cli.ts), and the shared contract test.
 *
 * Adding an algorithm: write `fitX(mat, options) → { kind: 'x', … }` (scalars and typed arrays, so that
 * serialize.ts can store it) and `createXRecommender(model)`, then add one entry here.
 */
import { createCosineRecommender, fitCosine } from './cosine';
import { createEaseRecommender, fitEase } from './ease';
import { createEaseIalsRecommender, fitEaseIals } from './ease-ials';
import type { RatingMatrix } from './matrix';
import { createMfRecommender, fitMf } from './mf';
import { createNmfRecommender, fitNmf } from './nmf-recommender';
import { createPopularRecommender, fitPopular } from './popular';
import { NMF_FILLS, type Recommender } from './types';

interface AlgorithmEntry<Options, M extends { kind: string }> {
  /** Its name in tables and charts (the evaluation on /about, the README). */
  label: string;
  fit: (mat: RatingMatrix, options?: Options) => M;
  create: (model: M) => Recommender;
  /**
   * The option sets `--algorithm all` evaluates (default: one run with the defaults); NMF runs once per fill.
   */
  variants?: readonly NoInfer<Options>[];
  /** Small, fast options for the shared contract test on a 60 × 80 synthetic matrix (one case per entry). */
  testCases: readonly NoInfer<Options>[];
}

/** Keeps each entry's options and model types tied together (a plain object literal would widen them). */
function entry<Options, M extends { kind: string }>(
  e: AlgorithmEntry<Options, M>,
): AlgorithmEntry<Options, M> {
  return e;
}

export const ALGORITHMS = {
  nmf: entry({
    label: 'NMF',
    fit: fitNmf,
    create: createNmfRecommender,
    variants: NMF_FILLS.map((fill) => ({ fill })),
    testCases: NMF_FILLS.map((fill) => ({ fill, rank: 4, ...(fill === 'masked' ? { maxIter: 10 } : {}) })),
  }),
  cosine: entry({
    label: 'User-user cosine',
    fit: fitCosine,
    create: createCosineRecommender,
    testCases: [{ neighbours: 10 }],
  }),
  popular: entry({ label: 'Popular', fit: fitPopular, create: createPopularRecommender, testCases: [{}] }),
  ease: entry({
    label: 'EASE',
    fit: fitEase,
    create: createEaseRecommender,
    testCases: [{ minRatings: 1, lambda: 10 }],
  }),
  mf: entry({
    label: 'Biased MF',
    fit: fitMf,
    create: createMfRecommender,
    testCases: [{ rank: 4, maxIter: 10 }],
  }),
  'ease-ials': entry({
    label: 'EASE + implicit ALS',
    fit: fitEaseIals,
    create: createEaseIalsRecommender,
    testCases: [{ minRatings: 1, lambda: 10, ials: { factors: 4, iterations: 3 } }],
  }),
};

type Algorithms = typeof ALGORITHMS;
export type AlgorithmName = keyof Algorithms;

type OptionsOf<K extends AlgorithmName> = Parameters<Algorithms[K]['fit']>[1] & object;
type ModelOf<K extends AlgorithmName> = ReturnType<Algorithms[K]['fit']>;

/** A fitted model of any algorithm (its `kind` is the algorithm's name). */
export type Model = { [K in AlgorithmName]: ModelOf<K> }[AlgorithmName];
/** Fit options of any algorithm, tagged with its name: `{ algorithm: 'nmf', fill: 'zeros', rank: 20 }`. */
export type FitOptions = { [K in AlgorithmName]: { algorithm: K } & OptionsOf<K> }[AlgorithmName];

export const ALGORITHM_NAMES = Object.keys(ALGORITHMS) as AlgorithmName[];

export function isAlgorithmName(name: string): name is AlgorithmName {
  return Object.hasOwn(ALGORITHMS, name);
}

/** The registry entry behind a name, typed loosely: callers pass options and models of that same algorithm. */
export function algorithmEntry(name: AlgorithmName): AlgorithmEntry<object, Model> {
  return ALGORITHMS[name] as unknown as AlgorithmEntry<object, Model>;
}

/** Every algorithm's option sets for `--algorithm all`, each tagged with its name. */
export function allVariants(): FitOptions[] {
  return ALGORITHM_NAMES.flatMap((name) =>
    (algorithmEntry(name).variants ?? [{}]).map((options) => ({ ...options, algorithm: name }) as FitOptions),
  );
}
