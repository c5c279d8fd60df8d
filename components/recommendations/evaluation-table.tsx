import type { EvaluationRow } from '@/lib/recsys/evaluation-results';

const fmt = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

/** The evaluation numbers behind the chart (and for screen readers). */
export function EvaluationTable({ rows }: { rows: EvaluationRow[] }) {
  return (
    <div className="table-responsive">
      <table className="table table-sm table-striped align-middle small">
        <caption className="small">
          Top-10 quality and rating error per algorithm, best NDCG@10 first.
        </caption>
        <thead>
          <tr>
            <th scope="col">Algorithm</th>
            <th scope="col" className="text-end">
              NDCG@10
            </th>
            <th scope="col" className="text-end">
              Precision@10
            </th>
            <th scope="col" className="text-end">
              Recall@10
            </th>
            <th scope="col" className="text-end">
              RMSE
            </th>
            <th scope="col" className="text-end">
              Coverage
            </th>
            <th scope="col" className="text-end">
              Fit (s)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row" className="fw-normal">
                {row.label}
              </th>
              <td className="text-end">{fmt(row.ndcg)}</td>
              <td className="text-end">{fmt(row.precision)}</td>
              <td className="text-end">{fmt(row.recall)}</td>
              <td className="text-end">{fmt(row.rmse)}</td>
              <td className="text-end">{fmt(row.coverage, 2)}</td>
              <td className="text-end">{row.fitSeconds.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
