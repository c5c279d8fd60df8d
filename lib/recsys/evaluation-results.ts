/**
 * The offline evaluation, read from the committed output of `npm run evaluate -- --algorithm all --write-results`: the /about
 * chart and table, and the measured quality the picker shows next to each model.
 */
import { modelSpecForRun, shortLabel, type ModelSpec } from './model-specs';
import { ALGORITHMS, isAlgorithmName } from './registry';
import results from './evaluation-results.json';

export interface EvaluationResultRow {
  algorithm: string;
  params: Record<string, unknown>;
  rmse: number | null;
  mae: number | null;
  precisionAt10: number;
  recallAt10: number;
  ndcgAt10: number;
  recallAt20?: number;
  mapAt10?: number;
  personalisation?: number;
  novelty?: number;
  coverage: number;
  fitSeconds: number;
  recommendMsMedian: number;
  users: number;
}

export interface EvaluationFile {
  command: string;
  generatedAt: string;
  split: string;
  results: EvaluationResultRow[];
}

export const EVALUATION = results as EvaluationFile;

export interface EvaluationRow {
  label: string;
  precision: number;
  recall: number;
  ndcg: number;
  rmse: number | null;
  mae: number | null;
  coverage: number;
  fitSeconds: number;
}

export function evaluationLabel(row: Pick<EvaluationResultRow, 'algorithm' | 'params'>): string {
  const spec = modelSpecForRun(row.algorithm, row.params);
  if (spec) return shortLabel(spec);
  const name = isAlgorithmName(row.algorithm) ? ALGORITHMS[row.algorithm].label : row.algorithm;
  return typeof row.params.fill === 'string' ? `${name}, ${row.params.fill.replace('-', ' ')}` : name;
}

/** Rows for the chart and the table, best NDCG first. */
export function evaluationRows(file: EvaluationFile = EVALUATION): EvaluationRow[] {
  return file.results
    .map((row) => ({
      label: evaluationLabel(row),
      precision: row.precisionAt10,
      recall: row.recallAt10,
      ndcg: row.ndcgAt10,
      rmse: row.rmse,
      mae: row.mae,
      coverage: row.coverage,
      fitSeconds: row.fitSeconds,
    }))
    .sort((a, b) => b.ndcg - a.ndcg);
}

/** The evaluation row of a served model (null when it was not evaluated). */
export function measuredQuality(
  spec: ModelSpec,
  file: EvaluationFile = EVALUATION,
): EvaluationResultRow | null {
  return file.results.find((row) => modelSpecForRun(row.algorithm, row.params)?.key === spec.key) ?? null;
}
