/**
 * The forgiving search over titles (or tags), in memory. Why in memory rather than SQL: the same code then behaves
 * identically on PGlite and PostgreSQL (PGlite has neither unaccent nor pg_trgm to rely on), folding and typo
 * tolerance are plain TypeScript with unit tests, and a query costs a few binary searches in a sorted vocabulary plus
 * work proportional to its candidates, never a scan of the catalogue (per-keystroke figures on 9,742 and ~87k titles:
 * `npm run bench -- --only search`, README). The index is built once per data
 * version (lib/data/search.ts).
 *
 * A query matches a document when every query word (articles optional) starts one of the document's words, in any
 * order. Ranking, best first: the whole title typed (exact), the start of the title or of a part of it typed
 * (prefix), an acronym or alias ("lotr": how fans name a film, so above a word found anywhere), the words in any
 * order (words); then the same tiers again for matches that needed one typo fixed (only a word that starts no word
 * of the index is corrected), so a typo never outranks a match as typed. Within a tier: the most popular first, then
 * in the documents' order.
 */
import { ARTICLES, splitWords, withinOneEdit, withoutLeadingArticles } from './normalise';
import { titlePhrases } from './titles';

export interface SearchDocument {
  id: number;
  /** A MovieLens title ("Matrix, The (1999)") or, for a plain index, any text (a tag). */
  text: string;
}

export interface IndexOptions {
  /** 'title': MovieLens titles (alternative titles, moved articles, acronyms); 'plain': the text as one phrase. */
  kind?: 'title' | 'plain';
  /** Query words that stand for other words ("hp" → "harry potter"): see lib/search/aliases.ts. */
  aliases?: Readonly<Record<string, string>>;
}

export interface SearchIndex {
  readonly ids: Int32Array;
  /** Per position: the text as given, lower case (for the literal fallback and tie-breaks). */
  readonly texts: string[];
  /** Every distinct word of every document, sorted; `postings[i]` lists the positions holding `vocabulary[i]`. */
  readonly vocabulary: string[];
  readonly postings: Int32Array[];
  /** `cumulative[i]` = number of postings before vocabulary word i: the size of a prefix range in O(1). */
  readonly cumulative: Int32Array;
  /** Per position: its distinct words (and extra spellings). */
  readonly words: string[][];
  /**
   * Every document's phrases with spaces removed ("walle", "godfatherpartii"), sorted, with the position each
   * belongs to and whether it is a primary one (a title, not a part of one): a binary search finds the titles that
   * start with the query, however many match it word by word.
   */
  readonly phrases: string[];
  readonly phrasePositions: Int32Array;
  readonly phraseIsPrimary: Uint8Array;
  readonly acronyms: ReadonlyMap<string, number[]>;
  readonly aliases: Readonly<Record<string, string>>;
}

export type MatchTier = 'exact' | 'prefix' | 'alias' | 'words';
const TIER_ORDER: Record<MatchTier, number> = { exact: 0, prefix: 1, alias: 2, words: 3 };

export interface SearchHit {
  id: number;
  tier: MatchTier;
  /** True when the match needed one typo fixed ("godfater"). */
  typo: boolean;
}

export interface SearchOptions {
  /** Hits to return (the best ones); `total` still counts every match. */
  limit: number;
  /** How popular a document is (number of ratings, of tagged movies): orders hits within a tier. */
  popularity: (id: number) => number;
}

/** Query words shorter than this are never corrected: too many words are one edit away from "cat". */
const MIN_TYPO_LENGTH = 4;
/** Corrections tried per query word, whole vocabulary words first. */
const MAX_CORRECTIONS = 24;
/** Ranks 0–3 are the tiers as typed, 4–7 the same tiers with one typo fixed. */
const TYPO_RANKS = 4;
/** Popularity is capped here for the sort key (rank, popularity and position must fit a double exactly). */
const MAX_POPULARITY = 2 ** 20 - 1;

export function buildSearchIndex(
  documents: readonly SearchDocument[],
  options: IndexOptions = {},
): SearchIndex {
  const { kind = 'title', aliases = {} } = options;
  const byWord = new Map<string, number[]>();
  const acronyms = new Map<string, number[]>();
  const words: string[][] = [];
  const phraseEntries: { phrase: string; position: number; primary: boolean }[] = [];
  documents.forEach((document, position) => {
    const split = splitWords(document.text);
    const phrases =
      kind === 'title'
        ? titlePhrases(document.text)
        : { primary: [withoutLeadingArticles(split.words)], secondary: [], acronyms: [] };
    const own = new Set([
      ...split.words,
      ...split.extras,
      ...phrases.primary.flat(),
      ...phrases.secondary.flat(),
    ]);
    for (const word of own) pushTo(byWord, word, position);
    for (const acronym of phrases.acronyms) if (!own.has(acronym)) pushTo(acronyms, acronym, position);
    words.push([...own]);
    for (const phrase of phrases.primary)
      phraseEntries.push({ phrase: phrase.join(''), position, primary: true });
    for (const phrase of phrases.secondary)
      phraseEntries.push({ phrase: phrase.join(''), position, primary: false });
  });
  const vocabulary = [...byWord.keys()].sort();
  const postings = vocabulary.map((word) => Int32Array.from(byWord.get(word) as number[]));
  const cumulative = new Int32Array(vocabulary.length + 1);
  postings.forEach((list, i) => (cumulative[i + 1] = (cumulative[i] as number) + list.length));
  phraseEntries.sort((a, b) =>
    a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : a.position - b.position,
  );
  return {
    ids: Int32Array.from(documents, (document) => document.id),
    texts: documents.map((document) => document.text.toLowerCase()),
    vocabulary,
    postings,
    cumulative,
    words,
    phrases: phraseEntries.map((entry) => entry.phrase),
    phrasePositions: Int32Array.from(phraseEntries, (entry) => entry.position),
    phraseIsPrimary: Uint8Array.from(phraseEntries, (entry) => (entry.primary ? 1 : 0)),
    acronyms,
    aliases,
  };
}

function pushTo(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [position]);
  else if (list[list.length - 1] !== position) list.push(position);
}

/** First vocabulary index whose word is ≥ `word`. */
function lowerBound(vocabulary: readonly string[], word: string): number {
  let lo = 0;
  let hi = vocabulary.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((vocabulary[mid] as string) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range of the sorted `list` starting with `prefix`: [from, to). */
function prefixRange(list: readonly string[], prefix: string): [number, number] {
  return [lowerBound(list, prefix), lowerBound(list, `${prefix}\uffff`)];
}

/**
 * Per-index scratch arrays, reused by every search (searches are synchronous, so one at a time): a stamp per
 * document for de-duplicating candidates, and each document's best rank so far (NO_RANK: not found). Typed arrays
 * rather than Sets and Maps: a one-letter query on ~87k titles has tens of thousands of candidates.
 */
interface Scratch {
  stamps: Int32Array;
  generation: number;
  ranks: Uint8Array;
}
const NO_RANK = 255;
const scratches = new WeakMap<SearchIndex, Scratch>();

function scratchOf(index: SearchIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = {
      stamps: new Int32Array(index.ids.length),
      generation: 0,
      ranks: new Uint8Array(index.ids.length).fill(NO_RANK),
    };
    scratches.set(index, scratch);
  }
  return scratch;
}

/**
 * Positions whose words start with every one of `required` (in any order); with `wholeWords`, whose words are them
 * (an alias's words are complete: "t2" is "terminator 2", not "terminator 2003").
 */
function matchAll(index: SearchIndex, required: readonly string[], wholeWords = false): Int32Array {
  if (required.length === 0) return new Int32Array(0);
  // Start from the word with the fewest postings; test the others on each candidate's own few words.
  const ranges = required.map((word): [number, number] => {
    if (!wholeWords) return prefixRange(index.vocabulary, word);
    const at = lowerBound(index.vocabulary, word);
    return [at, index.vocabulary[at] === word ? at + 1 : at];
  });
  let narrowest = 0;
  const size = ([from, to]: [number, number]) =>
    (index.cumulative[to] as number) - (index.cumulative[from] as number);
  ranges.forEach((range, i) => {
    if (size(range) < size(ranges[narrowest] as [number, number])) narrowest = i;
  });
  const [from, to] = ranges[narrowest] as [number, number];
  const others = required.filter((_, i) => i !== narrowest);
  const scratch = scratchOf(index);
  const generation = ++scratch.generation;
  // A typed array of the most there can be, not a growing array: a one-letter query matches 87k titles at 32M,
  // and growing a JS array that long cost ~100 ns a push on the benchmark machine (fresh memory on every growth).
  const matches = new Int32Array(size([from, to]));
  let count = 0;
  for (let i = from; i < to; i++) {
    for (const position of index.postings[i] as Int32Array) {
      if (scratch.stamps[position] === generation) continue;
      scratch.stamps[position] = generation;
      if (others.length === 0 || matchesAll(index, position, others, wholeWords)) matches[count++] = position;
    }
  }
  return matches.subarray(0, count);
}

/**
 * Raises the rank of `matched` documents with a phrase starting with `phrase` to prefix, or to exact for a title
 * equal to it. Matching word by word comes first: this only orders what matched.
 */
function rankPhrases(index: SearchIndex, phrase: string, matched: ArrayLike<number>, offset: number): void {
  if (matched.length === 0 || phrase === '') return;
  const [from, to] = prefixRange(index.phrases, phrase);
  if (from === to) return;
  const scratch = scratchOf(index);
  const { ranks, stamps } = scratch;
  const generation = ++scratch.generation;
  for (let i = 0; i < matched.length; i++) stamps[matched[i] as number] = generation;
  for (let i = from; i < to; i++) {
    const position = index.phrasePositions[i] as number;
    if (stamps[position] !== generation) continue;
    const tier = index.phraseIsPrimary[i] === 1 && index.phrases[i] === phrase ? 'exact' : 'prefix';
    ranks[position] = Math.min(ranks[position] as number, TIER_ORDER[tier] + offset);
  }
}

/**
 * Words one edit away from `word`, or prefixes of vocabulary words one edit away from it (the visitor may still be
 * typing: "godfahte" → "godfathe"). The first letter is kept: typos there are rare, and allowing them brought in
 * mostly noise on the real titles ("wall" → "all", "ball"). Whole words first, at most MAX_CORRECTIONS.
 */
function corrections(index: SearchIndex, word: string): string[] {
  const whole: string[] = [];
  const prefixes = new Set<string>();
  const [from, to] = prefixRange(index.vocabulary, word[0] as string);
  for (let i = from; i < to; i++) {
    const candidate = index.vocabulary[i] as string;
    if (candidate.length < word.length - 1) continue;
    if (candidate !== word && withinOneEdit(word, candidate)) whole.push(candidate);
    for (let length = word.length - 1; length <= word.length + 1 && length < candidate.length; length++) {
      if (withinOneEdit(word, candidate, length)) prefixes.add(candidate.slice(0, length));
    }
  }
  prefixes.delete(word);
  for (const found of whole) prefixes.delete(found);
  return [...whole, ...prefixes].slice(0, MAX_CORRECTIONS);
}

/**
 * True when some document word starts with `word`: then it is a word (or the start of one) as typed, not a typo.
 * Correcting real words ("star" → "stag", "stan") filled lists with noise on the real titles and tags.
 */
function startsSomeWord(index: SearchIndex, word: string): boolean {
  const [from, to] = prefixRange(index.vocabulary, word);
  return from < to;
}

/** The query as the index reads it: its words, which of them must match, and its phrase without spaces. */
function readQuery(text: string) {
  const { words } = splitWords(text);
  const meaningful = words.filter((word) => !ARTICLES.has(word));
  return { words, required: meaningful.length > 0 ? meaningful : words };
}

/**
 * The documents matching `text`, best first (see the module comment), with the number of matches. Text with no
 * letters or digits ("%") is matched literally against the lower-case text instead.
 */
export function searchIndex(
  index: SearchIndex,
  text: string,
  options: SearchOptions,
): { hits: SearchHit[]; total: number } {
  const { limit, popularity } = options;
  const { words, required } = readQuery(text);
  const { ranks } = scratchOf(index);
  // Each document at most once (its rank is set when found): a typed array as long as the index.
  const found = new Int32Array(index.ids.length);
  let foundCount = 0;
  const add = (positions: ArrayLike<number>, tier: MatchTier, typo: boolean) => {
    const rank = TIER_ORDER[tier] + (typo ? TYPO_RANKS : 0);
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      const before = ranks[position] as number;
      if (before === NO_RANK) found[foundCount++] = position;
      if (rank < before) ranks[position] = rank;
    }
  };
  const phraseOf = (queryWords: readonly string[]) => withoutLeadingArticles(queryWords).join('');

  if (words.length === 0) {
    const needle = text.trim().toLowerCase().replace(/\s+/g, ' ');
    if (needle !== '' && !needle.includes('\u0000'))
      add(
        index.texts.flatMap((title, position) => (title.includes(needle) ? [position] : [])),
        'words',
        false,
      );
  } else {
    const matched = matchAll(index, required);
    add(matched, 'words', false);
    rankPhrases(index, phraseOf(words), matched, 0);
    required.forEach((word, i) => {
      const others = required.filter((_, j) => j !== i);
      const alias = index.aliases[word];
      if (alias !== undefined)
        add(
          // The alias's own words whole, the rest of the query as typed ("hp azk").
          matchAll(index, readQuery(alias).required, true).filter((position) =>
            matchesAll(index, position, others),
          ),
          'alias',
          false,
        );
      const acronymOf = index.acronyms.get(word);
      if (acronymOf)
        add(
          acronymOf.filter((position) => matchesAll(index, position, others)),
          'alias',
          false,
        );
    });
    if (foundCount < limit) {
      required.forEach((word, i) => {
        if (word.length < MIN_TYPO_LENGTH || /^\d+$/.test(word) || startsSomeWord(index, word)) return;
        for (const correction of corrections(index, word)) {
          const fixed = required.map((other, j) => (j === i ? correction : other));
          const fixedPhrase = phraseOf(words.map((other) => (other === word ? correction : other)));
          const fixedMatches = matchAll(index, fixed);
          add(fixedMatches, 'words', true);
          rankPhrases(index, fixedPhrase, fixedMatches, TYPO_RANKS);
        }
      });
    }
  }

  // One number per hit, sorted as numbers (no comparator, no objects): rank, then popularity (descending), then
  // position (the documents' order: by id).
  const count = index.ids.length;
  const keys = new Float64Array(foundCount);
  found.subarray(0, foundCount).forEach((position, i) => {
    const popular = Math.min(
      MAX_POPULARITY,
      Math.max(0, Math.floor(popularity(index.ids[position] as number))),
    );
    keys[i] =
      ((ranks[position] as number) * (MAX_POPULARITY + 1) + (MAX_POPULARITY - popular)) * count + position;
    ranks[position] = NO_RANK; // leave the scratch clean for the next search
  });
  const tierNames = Object.keys(TIER_ORDER) as MatchTier[];
  const hits: SearchHit[] = [];
  for (const key of smallest(keys, limit)) {
    const position = key % count;
    const rank = Math.floor(key / count / (MAX_POPULARITY + 1));
    hits.push({
      id: index.ids[position] as number,
      tier: tierNames[rank % TYPO_RANKS] as MatchTier,
      typo: rank >= TYPO_RANKS,
    });
  }
  return { hits, total: foundCount };
}

/**
 * The `k` smallest keys, ascending: a bounded max-heap over all of them, then a sort of the k (a one-letter
 * keystroke matches all 87k titles at 32M, and sorting them all took most of the request).
 */
function smallest(keys: Float64Array, k: number): Float64Array {
  if (keys.length <= k * 4) return keys.sort().subarray(0, k);
  const heap = new Float64Array(k);
  let size = 0;
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < size && (heap[l] as number) > (heap[m] as number)) m = l;
      if (l + 1 < size && (heap[l + 1] as number) > (heap[m] as number)) m = l + 1;
      if (m === i) return;
      const t = heap[i] as number;
      heap[i] = heap[m] as number;
      heap[m] = t;
      i = m;
    }
  };
  for (const key of keys) {
    if (size < k) {
      // Sift the new key up.
      let i = size++;
      heap[i] = key;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heap[parent] as number) >= key) break;
        heap[i] = heap[parent] as number;
        heap[parent] = key;
        i = parent;
      }
    } else if (key < (heap[0] as number)) {
      heap[0] = key;
      down(0);
    }
  }
  return heap.subarray(0, size).sort();
}

function matchesAll(
  index: SearchIndex,
  position: number,
  required: readonly string[],
  wholeWords = false,
): boolean {
  const own = index.words[position] as string[];
  return required.every((word) =>
    wholeWords ? own.includes(word) : own.some((candidate) => candidate.startsWith(word)),
  );
}
