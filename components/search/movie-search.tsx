'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { displayTitle, formatCount, searchPath, tagPath } from '@/lib/display';
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

/** A MovieLens tag matching the text; choosing it opens the page of its movies. */
export interface TagItem {
  tag: string;
  movieCount: number;
}

/** What the listbox offers, in order: movies, tags, then "see all results". */
type Option =
  { kind: 'movie'; item: SearchItem } | { kind: 'tag'; item: TagItem } | { kind: 'all'; text: string };

export interface MovieSearchProps {
  /** The visitor's ratings by movie id, so a chosen movie shows its current rating. */
  ratings?: Readonly<Record<number, number>>;
  /** Wait this long after the last keystroke before asking the server (ms). */
  debounceMs?: number;
}

type Status = 'idle' | 'loading' | 'done' | 'error';
const MIN_LENGTH = 2;

/**
 * Title autocomplete over GET /api/movies (ARIA 1.2 combobox with a listbox popup), inside a search form for the full
 * results page. Debounced; ArrowUp/Down move through the matches (movies, then tags, then "see all results"), Enter
 * chooses the active one or, with none active, submits to /search; Escape closes (a second Escape clears). A chosen
 * movie opens below with the rating control and a link to its page; a chosen tag opens the page of its movies.
 */
export function MovieSearch({ ratings = {}, debounceMs = 250 }: MovieSearchProps) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<SearchItem[]>([]);
  const [tags, setTags] = useState<TagItem[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<SearchItem | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | undefined>(undefined);
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  // The list scrolls (movies, tags and "see all" outgrow it): keep the option chosen by keyboard in view.
  useEffect(() => {
    if (active >= 0)
      document.getElementById(`${id}-option-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, id]);

  async function fetchMatches(text: string) {
    const controller = new AbortController();
    request.current = controller;
    try {
      const response = await fetch(`/api/movies?search=${encodeURIComponent(text)}&limit=8`, {
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { items: SearchItem[]; tags?: TagItem[] };
      setItems(body.items);
      setTags(body.tags ?? []);
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
      setTags([]);
      setStatus('idle');
      return;
    }
    setStatus('loading');
    timer.current = setTimeout(() => void fetchMatches(text), debounceMs);
  }

  const options: Option[] =
    items.length + tags.length === 0
      ? []
      : [
          ...items.map((item) => ({ kind: 'movie' as const, item })),
          ...tags.map((item) => ({ kind: 'tag' as const, item })),
          { kind: 'all' as const, text: query.trim() },
        ];

  function choose(option: Option) {
    setOpen(false);
    setActive(-1);
    if (option.kind === 'movie') setChosen(option.item);
    else if (option.kind === 'tag') router.push(tagPath(option.item.tag));
    else router.push(searchPath(option.text));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Without JavaScript the form itself goes to /search?q=…; with it, the router does, keeping the page's state.
    event.preventDefault();
    const text = query.trim();
    if (text === '') return;
    setOpen(false);
    router.push(searchPath(text));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = status === 'done' ? options.length : 0;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (open ? Math.min(count - 1, current + 1) : 0));
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive((current) => Math.max(-1, current - 1));
    } else if (event.key === 'Enter') {
      // With an option active, Enter chooses it; otherwise the form submits to the full results.
      const option = open && status === 'done' ? options[active] : undefined;
      if (option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open && query !== '') setOpen(false);
      else onChange('');
    }
  }

  const showList = open && status === 'done' && options.length > 0;
  const message =
    status === 'loading'
      ? 'Searching…'
      : status === 'error'
        ? 'Search failed. Please try again.'
        : status === 'done' && options.length === 0
          ? `No movies match “${query.trim()}”.`
          : status === 'done'
            ? `${formatCount(items.length, 'movie', 'movies')}${tags.length > 0 ? ` and ${formatCount(tags.length, 'tag', 'tags')}` : ''}: use the arrow keys to choose, or Enter to see all results.`
            : '';

  return (
    <div className="movie-search">
      <form role="search" action="/search" method="get" onSubmit={onSubmit}>
        <label htmlFor={`${id}-input`} className="form-label fw-semibold">
          Find a movie you have seen
        </label>
        <div className="position-relative">
          <div className="input-group input-group-lg">
            <input
              id={`${id}-input`}
              name="q"
              type="search"
              role="combobox"
              className="form-control"
              placeholder="Type a title or a tag, e.g. the matrix, amelie or lotr"
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
            <button type="submit" className="btn btn-outline-primary">
              Search
            </button>
          </div>
          <ul
            id={listId}
            role="listbox"
            aria-label="Matching movies"
            className="list-group shadow movie-search-list"
            hidden={!showList}
          >
            {options.map((option, index) => (
              <li
                key={
                  option.kind === 'movie'
                    ? option.item.id
                    : `${option.kind}:${option.kind === 'tag' ? option.item.tag : ''}`
                }
                id={`${id}-option-${index}`}
                role="option"
                aria-selected={index === active}
                className={`list-group-item list-group-item-action d-flex justify-content-between gap-2${index === active ? ' active' : ''}${option.kind === 'all' ? ' fw-semibold' : ''}`}
                onMouseDown={(event) => event.preventDefault() /* keep focus in the input */}
                // A real pointer move, not a list appearing under a resting pointer, picks the active option.
                onMouseMove={() => {
                  if (index !== active) setActive(index);
                }}
                onClick={() => choose(option)}
              >
                <OptionContent option={option} />
              </li>
            ))}
          </ul>
        </div>
        <div id={`${id}-status`} className="form-text" aria-live="polite">
          {open ? message : ''}
        </div>
      </form>
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

function OptionContent({ option }: { option: Option }) {
  if (option.kind === 'all') return <span>See all results for “{option.text}”</span>;
  if (option.kind === 'tag') {
    return (
      <>
        <span>
          <span className="badge text-bg-light border fw-normal me-1">Tag</span>
          {option.item.tag}
        </span>
        <small className="text-nowrap opacity-75">
          {formatCount(option.item.movieCount, 'movie', 'movies')}
        </small>
      </>
    );
  }
  const { item } = option;
  return (
    <>
      <span>
        {displayTitle(item.title)} {item.year !== null && <span className="opacity-75">({item.year})</span>}
      </span>
      <small className="text-nowrap opacity-75">
        {item.predictedRating !== undefined && <>for you {item.predictedRating.toFixed(1)}★ · </>}
        {formatCount(item.ratingCount, 'rating', 'ratings')}
      </small>
    </>
  );
}
