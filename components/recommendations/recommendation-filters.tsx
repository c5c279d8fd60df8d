import type { ModelSpec } from '@/lib/recsys/model-specs';
import { MIN_RATINGS_CHOICES, type RecommendationQuery } from '@/app/recommendations/query';

export interface RecommendationFiltersProps {
  spec: ModelSpec;
  filter: RecommendationQuery['filter'];
  genres: readonly string[];
}

/** A plain GET form: works without JavaScript, and the filters land in the URL beside the algorithm. */
export function RecommendationFilters({ spec, filter, genres }: RecommendationFiltersProps) {
  return (
    <form
      method="get"
      action="/recommendations"
      className="row g-2 align-items-end mb-3"
      aria-label="Filters"
    >
      <input type="hidden" name="algorithm" value={spec.algorithm} />
      {spec.fill && <input type="hidden" name="fill" value={spec.fill} />}
      <div className="col-6 col-md-3 col-xl-2">
        <label htmlFor="filter-genre" className="form-label small mb-1">
          Genre
        </label>
        <select
          id="filter-genre"
          name="genre"
          className="form-select form-select-sm"
          defaultValue={filter.genre ?? ''}
        >
          <option value="">Any genre</option>
          {genres.map((genre) => (
            <option key={genre} value={genre}>
              {genre}
            </option>
          ))}
        </select>
      </div>
      <div className="col-3 col-md-2">
        <label htmlFor="filter-from" className="form-label small mb-1">
          From year
        </label>
        <input
          id="filter-from"
          name="from"
          type="number"
          inputMode="numeric"
          min={1870}
          max={2100}
          placeholder="any"
          className="form-control form-control-sm"
          defaultValue={filter.yearFrom ?? ''}
        />
      </div>
      <div className="col-3 col-md-2">
        <label htmlFor="filter-to" className="form-label small mb-1">
          To year
        </label>
        <input
          id="filter-to"
          name="to"
          type="number"
          inputMode="numeric"
          min={1870}
          max={2100}
          placeholder="any"
          className="form-control form-control-sm"
          defaultValue={filter.yearTo ?? ''}
        />
      </div>
      <div className="col-6 col-md-3 col-xl-2">
        <label htmlFor="filter-min" className="form-label small mb-1">
          At least … ratings
        </label>
        <select
          id="filter-min"
          name="min"
          className="form-select form-select-sm"
          defaultValue={String(filter.minRatings)}
        >
          {MIN_RATINGS_CHOICES.map((min) => (
            <option key={min} value={min}>
              {min === 0 ? 'any number' : `${min} ratings`}
            </option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-4 col-xl-2">
        <label htmlFor="filter-watchlist" className="form-label small mb-1">
          Movies on your watchlist
        </label>
        <select
          id="filter-watchlist"
          name="watchlist"
          className="form-select form-select-sm"
          defaultValue={filter.watchlist}
        >
          <option value="show">Show them (marked)</option>
          <option value="hide">Leave them out</option>
        </select>
      </div>
      <div className="col-6 col-md-2">
        <button type="submit" className="btn btn-sm btn-primary w-100">
          Apply filters
        </button>
      </div>
    </form>
  );
}
