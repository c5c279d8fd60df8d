'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { MovieNightState } from '@/lib/actions/movie-night-state';
import { displayTitle, starsText } from '@/lib/display';
import { groupPickText, STRATEGY_LABELS } from '@/lib/movie-night/explain';
import {
  DEFAULT_MISERY_THRESHOLD,
  GROUP_STRATEGIES,
  rankForGroup,
  type GroupStrategy,
} from '@/lib/recsys/group';

const SHOWN = 12;
const THRESHOLDS = [2, 2.5, 3, 3.5, 4];

/** Green for the keenest, grey for the least keen (everyone equal: neither), by value so that equals look alike. */
function badgeClass(value: number, pick: { min: number; max: number }): string {
  if (pick.max === pick.min) return 'text-bg-light border';
  if (value === pick.max) return 'text-bg-success';
  return value === pick.min ? 'text-bg-secondary' : 'text-bg-light border';
}

/** The group's picks under the chosen strategy, ranked here (lib/recsys/group.ts): a switch needs no round trip. */
export function GroupPicks({
  plan,
  fewRatings,
}: {
  plan: NonNullable<MovieNightState['plan']>;
  fewRatings: number;
}) {
  const [strategy, setStrategy] = useState<GroupStrategy>('average-without-misery');
  const [threshold, setThreshold] = useState(DEFAULT_MISERY_THRESHOLD);
  const names = plan.people.map((person) => person.name);
  const picks = useMemo(
    () => rankForGroup(plan.movies, { strategy, miseryThreshold: threshold, n: SHOWN }),
    [plan.movies, strategy, threshold],
  );
  const movies = new Map(plan.movies.map((movie) => [movie.movieId, movie]));
  const estimated = plan.people.filter((person) => person.estimated);

  return (
    <section aria-labelledby="picks-heading" className="d-flex flex-column gap-3">
      <h2 id="picks-heading" className="h4 mb-0">
        Movies for {names.join(', ')}
      </h2>
      {estimated.map((person) => (
        <p key={person.name} className="alert alert-warning mb-0">
          {person.name} has rated {person.ratingCount === 0 ? 'no movies' : `only ${person.ratingCount}`}{' '}
          (fewer than {fewRatings}): their figures below are each movie’s MovieLens average, marked ≈, not a
          prediction of their taste.
        </p>
      ))}
      <fieldset>
        <legend className="fs-6 fw-semibold">Pick for the group by</legend>
        <div className="d-flex flex-wrap gap-3">
          {GROUP_STRATEGIES.map((key) => (
            <div className="form-check" key={key}>
              <input
                className="form-check-input"
                type="radio"
                name="strategy"
                id={`strategy-${key}`}
                checked={strategy === key}
                onChange={() => setStrategy(key)}
              />
              <label className="form-check-label" htmlFor={`strategy-${key}`}>
                {STRATEGY_LABELS[key].label}
              </label>
            </div>
          ))}
          {strategy === 'average-without-misery' && (
            <div className="d-flex align-items-center gap-2">
              <label htmlFor="misery-threshold" className="small">
                Nobody below
              </label>
              <select
                id="misery-threshold"
                className="form-select form-select-sm w-auto"
                value={threshold}
                onChange={(event) => setThreshold(Number(event.currentTarget.value))}
              >
                {THRESHOLDS.map((value) => (
                  <option key={value} value={value}>
                    {starsText(value)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <p className="small text-body-secondary mt-1 mb-0">{STRATEGY_LABELS[strategy].description}.</p>
      </fieldset>
      {picks.length === 0 ? (
        <p className="alert alert-secondary mb-0">
          No movie keeps everyone at {starsText(threshold)} or more: lower the threshold or choose another
          strategy.
        </p>
      ) : (
        <ol className="list-group list-group-numbered" aria-label="Movies for the group">
          {picks.map((pick) => {
            const movie = movies.get(pick.movieId);
            if (!movie) return null;
            return (
              <li key={pick.movieId} className="list-group-item d-flex gap-2">
                <div className="d-flex flex-column gap-1 ms-1 flex-grow-1">
                  <div>
                    <Link href={`/movies/${movie.movieId}`} className="fw-semibold">
                      {displayTitle(movie.title)}
                    </Link>{' '}
                    {movie.year !== null && <span className="text-body-secondary">({movie.year})</span>}{' '}
                    <span className="small text-body-secondary">{movie.genres.join(', ')}</span>
                  </div>
                  <ul className="list-inline mb-0" aria-label="Predicted ratings">
                    {plan.people.map((person, i) => (
                      <li key={i} className="list-inline-item">
                        <span className={`badge ${badgeClass(movie.predictions[i] ?? 0, pick)}`}>
                          {person.name}: {person.estimated ? '≈' : ''}
                          {starsText(movie.predictions[i] ?? 0)}
                        </span>
                      </li>
                    ))}
                  </ul>
                  <p className="small mb-0 text-body-secondary">{groupPickText(pick, names, strategy)}</p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
