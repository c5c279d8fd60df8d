/**
 * MovieLens tags as the search groups them: "Tolkien" and "tolkien", or "sci-fi" and "Sci Fi", are one tag to a
 * visitor, so tags are grouped by their folded words and shown in their most used spelling.
 */
import { splitWords } from './normalise';

export interface TagUse {
  tag: string;
  movieId: number;
  /** How many times this tag was applied to this movie. */
  uses: number;
}

export interface TagGroup {
  /** The most used spelling ("Tolkien"). */
  label: string;
  key: string;
  /** The movies carrying the tag, most tagged first (ties: lower id). */
  movies: { movieId: number; uses: number }[];
}

/** The key a tag is grouped and looked up by: its folded words ("Sci-Fi" → "sci fi"); punctuation-only tags as typed. */
export function tagKey(tag: string): string {
  const { words } = splitWords(tag);
  return words.length > 0 ? words.join(' ') : tag.trim().toLowerCase();
}

/** Groups tag uses by `tagKey`, in order of the key. */
export function groupTags(rows: readonly TagUse[]): TagGroup[] {
  const groups = new Map<string, { spellings: Map<string, number>; movies: Map<number, number> }>();
  for (const { tag, movieId, uses } of rows) {
    const key = tagKey(tag);
    if (key === '') continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { spellings: new Map(), movies: new Map() }));
    group.spellings.set(tag, (group.spellings.get(tag) ?? 0) + uses);
    group.movies.set(movieId, (group.movies.get(movieId) ?? 0) + uses);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { spellings, movies }]) => ({
      key,
      label: [...spellings].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0] ?? key,
      movies: [...movies]
        .map(([movieId, uses]) => ({ movieId, uses }))
        .sort((a, b) => b.uses - a.uses || a.movieId - b.movieId),
    }));
}
