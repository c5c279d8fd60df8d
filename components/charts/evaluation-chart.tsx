'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface EvaluationChartRow {
  label: string;
  precision: number;
  recall: number;
  ndcg: number;
}

export interface EvaluationChartProps {
  rows: EvaluationChartRow[];
  /** Fixed size for tests (jsdom has no layout); the page lets the chart fill its column. */
  width?: number;
  height?: number;
}

/** Precision, recall and NDCG at 10 per model, as grouped horizontal bars. */
export function EvaluationChart({
  rows,
  width,
  height = Math.max(260, rows.length * 44 + 60),
}: EvaluationChartProps) {
  const top =
    Math.ceil(Math.max(0.05, ...rows.flatMap((row) => [row.ndcg, row.precision, row.recall])) * 20) / 20;
  const ticks = Array.from({ length: Math.round(top / 0.05) + 1 }, (_, i) => Math.round(i * 5) / 100);
  const chart = (
    <BarChart
      data={rows}
      layout="vertical"
      margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
      width={width}
      height={height}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis
        type="number"
        domain={[0, top]}
        ticks={ticks}
        tickFormatter={(v: number) => v.toFixed(2)}
        fontSize={12}
      />
      <YAxis type="category" dataKey="label" width={150} fontSize={12} interval={0} />
      <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(3) : String(value))} />
      <Legend />
      <Bar dataKey="ndcg" name="NDCG@10" fill="#5b3cc4" isAnimationActive={false} />
      <Bar dataKey="precision" name="Precision@10" fill="#d63384" isAnimationActive={false} />
      <Bar dataKey="recall" name="Recall@10" fill="#20c997" isAnimationActive={false} />
    </BarChart>
  );
  if (width) return chart;
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
      {chart}
    </ResponsiveContainer>
  );
}
