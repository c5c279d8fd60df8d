'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface RatingHistogramProps {
  bins: { rating: number; count: number }[];
  /** The visitor's rating, highlighted. */
  highlight?: number | null;
}

/** How a movie's ratings spread over the ten half-star values. A table beside it carries the same numbers for screen readers. */
export function RatingHistogram({ bins, highlight = null }: RatingHistogramProps) {
  const data = bins.map((bin) => ({ ...bin, label: bin.rating.toFixed(1) }));
  return (
    <figure className="mb-0">
      <div className="rating-histogram" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => [value, 'ratings']} labelFormatter={(label) => `${label} stars`} />
            <Bar dataKey="count" isAnimationActive={false} radius={[3, 3, 0, 0]}>
              {data.map((bin) => (
                <Cell key={bin.label} fill={bin.rating === highlight ? '#f0a500' : '#5b3cc4'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Number of ratings at each star value</caption>
        <thead>
          <tr>
            <th scope="col">Stars</th>
            <th scope="col">Ratings</th>
          </tr>
        </thead>
        <tbody>
          {bins.map((bin) => (
            <tr key={bin.rating}>
              <td>
                {bin.rating}
                {highlight === bin.rating ? ' (your rating)' : ''}
              </td>
              <td>{bin.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
