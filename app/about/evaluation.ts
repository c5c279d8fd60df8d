/** The offline evaluation shown on /about, read from the committed output of `npm run evaluate`. */
import { modelSpecForRun, shortLabel } from '@/lib/recsys/model-specs';
import results from './evaluation-results.json';

export interface EvaluationResultRow {
  algorithm: string;
  params: Record<string, unknown>;
  rmse: number | null;
  mae: number | null;
  precisionAt10: number;
  recallAt10: number;
  ndcgAt10: number;
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
  return spec ? shortLabel(spec) : row.algorithm;
}

/** Rows for the chart and the table, best NDCG first. */
export function evaluationRows(file: EvaluationFile = EVALUATION): EvaluationRow[] {
  return file.results
    .map((row) => ({
      label: evaluationLabel(row), precision: row.precisionAt10, recall: row.recallAt10, ndcg: row.ndcgAt10,
      rmse: row.rmse, mae: row.mae, coverage: row.coverage, fitSeconds: row.fitSeconds,
    }))
    .sort((a, b) => b.ndcg - a.ndcg);
}
