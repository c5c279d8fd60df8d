'use client';

import { Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { SCALE_GRADIENT, similarityColor } from './heat-map-scale';

export interface HeatMapProps {
  /** Row/column labels, in order; `ids[i]` is the MovieLens user id (null for the visitor). */
  labels: string[];
  ids: (number | null)[];
  similarity: number[][];
  shared: number[][];
  width: number;
  onSelectUser?: (userId: number) => void;
  selectedUserId?: number | null;
}

interface CellPoint {
  x: number;
  y: number;
  value: number;
  shared: number;
  row: string;
  col: string;
  pickId: number | null;
}

const MARGIN = { top: 8, right: 8, bottom: 8, left: 8 };

/**
 * A square heat map of pairwise similarity: a Recharts ScatterChart whose points are drawn as square cells,
 * a tooltip naming both users, their similarity and shared movies, and a colour legend. Clicking a cell selects
 * the MovieLens user of that pair (the column's, or the row's when the column is the visitor).
 */
export function HeatMap({
  labels,
  ids,
  similarity,
  shared,
  width,
  onSelectUser,
  selectedUserId = null,
}: HeatMapProps) {
  const n = labels.length;
  const labelWidth = width < 500 ? 0 : 76;
  const plot = Math.max(120, width - labelWidth - MARGIN.left - MARGIN.right);
  const cell = plot / Math.max(n, 1);
  const height = plot + MARGIN.top + MARGIN.bottom;
  const points: CellPoint[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      points.push({
        x: c,
        y: r,
        value: similarity[r]?.[c] ?? 0,
        shared: shared[r]?.[c] ?? 0,
        row: labels[r] as string,
        col: labels[c] as string,
        pickId: ids[c] ?? ids[r] ?? null,
      });
    }
  }
  return (
    <figure className="heat-map mb-0" aria-label={`Similarity heat map of ${n} users`}>
      <ScatterChart width={plot + labelWidth + MARGIN.left + MARGIN.right} height={height} margin={MARGIN}>
        <XAxis type="number" dataKey="x" domain={[-0.5, n - 0.5]} hide />
        <YAxis
          type="number"
          dataKey="y"
          domain={[-0.5, n - 0.5]}
          reversed
          width={labelWidth}
          hide={labelWidth === 0}
          ticks={Array.from({ length: n }, (_, i) => i)}
          interval={n > 25 ? 1 : 0}
          tickLine={false}
          axisLine={false}
          tick={{ fontSize: n > 30 ? 9 : 11 }}
          tickFormatter={(i: number) => labels[i] ?? ''}
        />
        <Tooltip
          content={(props) => (
            <HeatMapTooltip
              active={props.active}
              payload={props.payload as unknown as { payload: CellPoint }[]}
            />
          )}
          cursor={false}
          isAnimationActive={false}
        />
        <Scatter
          data={points}
          isAnimationActive={false}
          onClick={(point: unknown) => {
            const id = (point as { payload?: CellPoint }).payload?.pickId;
            if (id != null) onSelectUser?.(id);
          }}
          shape={(props: unknown) => {
            const { cx = 0, cy = 0, payload } = props as { cx?: number; cy?: number; payload: CellPoint };
            const selected =
              selectedUserId !== null &&
              (ids[payload.x] === selectedUserId || ids[payload.y] === selectedUserId);
            return (
              <rect
                x={cx - cell / 2}
                y={cy - cell / 2}
                width={cell}
                height={cell}
                fill={similarityColor(payload.value)}
                stroke={selected ? '#212529' : 'none'}
                strokeOpacity={0.35}
                strokeWidth={selected ? 1 : 0}
                data-testid="heat-map-cell"
                data-row={payload.y}
                data-col={payload.x}
                style={{ cursor: onSelectUser ? 'pointer' : undefined }}
              />
            );
          }}
        />
      </ScatterChart>
      <figcaption className="d-flex align-items-center gap-2 small mt-2" style={{ maxWidth: 360 }}>
        <span>−1 opposite</span>
        <span
          aria-hidden="true"
          className="flex-grow-1 rounded border"
          style={{ height: 12, background: SCALE_GRADIENT }}
        />
        <span>+1 same taste</span>
      </figcaption>
    </figure>
  );
}

function HeatMapTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload: CellPoint }[];
}) {
  const point = active ? payload?.[0]?.payload : undefined;
  if (!point) return null;
  return (
    <div className="card shadow-sm small" role="tooltip" data-testid="heat-map-tooltip">
      <div className="card-body py-2 px-3">
        <div className="fw-semibold">
          {point.row} × {point.col}
        </div>
        <div>Similarity {point.value.toFixed(2)}</div>
        <div className="text-body-secondary">
          {point.shared} movie{point.shared === 1 ? '' : 's'} rated by both
        </div>
      </div>
    </div>
  );
}
