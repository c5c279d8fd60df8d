'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { displayTitle, formatCount } from '@/lib/display';
import { PredictedRating } from '@/components/movies/predicted-rating';
import { RatingControl } from '@/components/rating/rating-control';

export interface SearchItem {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  ratingCount: number;
  /** The visitor's predicted rating, when they have rated enough movies to have one. */
  predictedRating?: number;
}

export interface MovieSearchProps {
  /** The visitor's ratings by movie id, so a chosen movie shows its current rating. */
  ratings?: Readonly<Record<number, number>>;
  /** Wait this long after the last keystroke before asking the server (ms). */
  debounceMs?: number;
}

type Status = 'idle' | 'loading' | 'done' | 'error';
const MIN_LENGTH = 2;

/**
 * Title autocomplete over GET /api/movies (ARIA 1.2 combobox with a listbox popup). Debounced; ArrowUp/Down move
 * through the matches, Enter chooses, Escape closes (a second Escape clears). A chosen movie opens below with the
 * rating control and a link to its page.
 */
export function MovieSearch({ ratings = {}, debounceMs = 250 }: MovieSearchProps) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<SearchItem[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<SearchItem | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | undefined>(undefined);
  const id = useId();
  const listId = `${id}-list`;

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  async function fetchMatches(text: string) {
    const controller = new AbortController();
    request.current = controller;
    try {
      const response = await fetch(`/api/movies?search=${encodeURIComponent(text)}&limit=8`, {
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { items: SearchItem[] };
      setItems(body.items);
      setStatus('done');
    } catch {
      if (!controller.signal.aborted) setStatus('error');
    }
  }

  function onChange(value: string) {
    setQuery(value);
    setActive(-1);
    setOpen(true);
    clearTimeout(timer.current);
    request.current?.abort();
    const text = value.trim();
    if (text.length < MIN_LENGTH) {
      setItems([]);
      setStatus('idle');
      return;
    }
    setStatus('loading');
    timer.current = setTimeout(() => void fetchMatches(text), debounceMs);
  }

  function choose(item: SearchItem) {
    setChosen(item);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = status === 'done' ? items.length : 0;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (open ? Math.min(count - 1, current + 1) : 0));
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive((current) => Math.max(-1, current - 1));
    } else if (event.key === 'Enter') {
      const item = open ? items[active] : undefined;
      if (item) {
        event.preventDefault();
        choose(item);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open && query !== '') setOpen(false);
      else onChange('');
    }
  }

  const showList = open && status === 'done' && items.length > 0;
  const message =
    status === 'loading'
      ? 'Searching…'
      : status === 'error'
        ? 'Search failed. Please try again.'
        : status === 'done' && items.length === 0
          ? `No movies match “${query.trim()}”.`
          : status === 'done'
            ? formatCount(items.length, 'match', 'matches') + ': use the arrow keys to choose.'
            : '';

  return (
    <div className="movie-search">
      <label htmlFor={`${id}-input`} className="form-label fw-semibold">
        Find a movie you have seen
      </label>
      <div className="position-relative">
        <input
          id={`${id}-input`}
          type="search"
          role="combobox"
          className="form-control form-control-lg"
          placeholder="Type a title, e.g. the matrix or toy story"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${id}-option-${active}` : undefined}
          aria-describedby={`${id}-status`}
          value={query}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching movies"
          className="list-group shadow movie-search-list"
          hidden={!showList}
        >
          {items.map((item, index) => (
            <li
              key={item.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className={`list-group-item list-group-item-action d-flex justify-content-between gap-2${index === active ? ' active' : ''}`}
              onMouseDown={(event) => event.preventDefault() /* keep focus in the input */}
              // A real pointer move, not a list appearing under a resting pointer, picks the active option.
              onMouseMove={() => {
                if (index !== active) setActive(index);
              }}
              onClick={() => choose(item)}
            >
              <span>
                {displayTitle(item.title)}{' '}
                {item.year !== null && <span className="opacity-75">({item.year})</span>}
              </span>
              <small className="text-nowrap opacity-75">
                {item.predictedRating !== undefined && <>for you {item.predictedRating.toFixed(1)}★ · </>}
                {formatCount(item.ratingCount, 'rating', 'ratings')}
              </small>
            </li>
          ))}
        </ul>
      </div>
      <div id={`${id}-status`} className="form-text" aria-live="polite">
        {open ? message : ''}
      </div>
      {chosen && (
        <div
          className="card mt-2 movie-search-chosen"
          aria-label={`Chosen: ${displayTitle(chosen.title)}`}
          role="group"
        >
          <div className="card-body d-flex flex-wrap align-items-center justify-content-between gap-2 py-2">
            <div>
              <Link href={`/movies/${chosen.id}`} className="fw-semibold">
                {displayTitle(chosen.title)}
              </Link>{' '}
              {chosen.year !== null && <span className="text-body-secondary">({chosen.year})</span>}
              <div className="small text-body-secondary">{chosen.genres.join(' · ')}</div>
              {chosen.predictedRating !== undefined && ratings[chosen.id] === undefined && (
                <PredictedRating rating={chosen.predictedRating} />
              )}
            </div>
            <RatingControl
              key={chosen.id}
              movieId={chosen.id}
              title={chosen.title}
              initialRating={ratings[chosen.id] ?? null}
            />
          </div>
        </div>
      )}
    </div>
  );
}
