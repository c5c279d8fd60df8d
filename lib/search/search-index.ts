/**
 * The forgiving search over titles (or tags), in memory. Why in memory rather than SQL: the same code then behaves
 * identically on PGlite and PostgreSQL (PGlite has neither unaccent nor pg_trgm to rely on), folding and typo
 * tolerance are plain TypeScript with unit tests, and a query costs a few binary searches in a sorted vocabulary plus
 * work proportional to the candidates, never to the catalogue: ~1 ms on 9,742 movies and a few ms on the ~87k of
 * the full MovieLens (`npm run bench -- --only search`). The index is built once per data version (lib/data/search.ts).
 *
 * A query matches a document when every query word (articles optional) starts one of the document's words, in any
 * order. Ranking, best first: the whole title typed (exact), the start of the title or of a part of it typed
 * (prefix), an acronym or alias ("lotr": how fans name a film, so above a word found anywhere), the words in any
 * order (words); then the same tiers again for matches
 * that needed one typo fixed, so a typo never outranks a match as typed. Within a tier: the most popular first.
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
  /** Per position: its phrases with spaces removed ("walle"), primary then secondary. */
  readonly primary: string[][];
  readonly secondary: string[][];
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

export function buildSearchIndex(
  documents: readonly SearchDocument[],
  options: IndexOptions = {},
): SearchIndex {
  const { kind = 'title', aliases = {} } = options;
  const byWord = new Map<string, number[]>();
  const acronyms = new Map<string, number[]>();
  const words: string[][] = [];
  const primary: string[][] = [];
  const secondary: string[][] = [];
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
    primary.push(phrases.primary.map((phrase) => phrase.join('')));
    secondary.push(phrases.secondary.map((phrase) => phrase.join('')));
  });
  const vocabulary = [...byWord.keys()].sort();
  const postings = vocabulary.map((word) => Int32Array.from(byWord.get(word) as number[]));
  const cumulative = new Int32Array(vocabulary.length + 1);
  postings.forEach((list, i) => (cumulative[i + 1] = (cumulative[i] as number) + list.length));
  return {
    ids: Int32Array.from(documents, (document) => document.id),
    texts: documents.map((document) => document.text.toLowerCase()),
    vocabulary,
    postings,
    cumulative,
    words,
    primary,
    secondary,
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

/** The vocabulary range of the words starting with `prefix`: [from, to). */
function prefixRange(index: SearchIndex, prefix: string): [number, number] {
  return [lowerBound(index.vocabulary, prefix), lowerBound(index.vocabulary, `${prefix}\uffff`)];
}

/** Positions whose words start with every one of `required` (in any order). */
function matchAll(index: SearchIndex, required: readonly string[]): number[] {
  if (required.length === 0) return [];
  // Start from the word with the fewest postings; test the others on each candidate's own few words.
  const ranges = required.map((word) => prefixRange(index, word));
  let narrowest = 0;
  const size = ([from, to]: [number, number]) =>
    (index.cumulative[to] as number) - (index.cumulative[from] as number);
  ranges.forEach((range, i) => {
    if (size(range) < size(ranges[narrowest] as [number, number])) narrowest = i;
  });
  const [from, to] = ranges[narrowest] as [number, number];
  const seen = new Set<number>();
  for (let i = from; i < to; i++) for (const position of index.postings[i] as Int32Array) seen.add(position);
  const others = required.filter((_, i) => i !== narrowest);
  if (others.length === 0) return [...seen];
  return [...seen].filter((position) => matchesAll(index, position, others));
}

function phraseTier(index: SearchIndex, position: number, phrase: string): MatchTier {
  const primary = index.primary[position] as string[];
  if (primary.includes(phrase)) return 'exact';
  if (primary.some((candidate) => candidate.startsWith(phrase))) return 'prefix';
  const secondary = index.secondary[position] as string[];
  return secondary.some((candidate) => candidate.startsWith(phrase)) ? 'prefix' : 'words';
}

/**
 * Words one edit away from `word`, or prefixes of vocabulary words one edit away from it (the visitor may still be
 * typing: "godfahte" → "godfathe"). The first letter is kept: typos there are rare, and allowing them brought in
 * mostly noise on the real titles ("wall" → "all", "ball"). Whole words first, at most MAX_CORRECTIONS.
 */
function corrections(index: SearchIndex, word: string): string[] {
  const whole: string[] = [];
  const prefixes = new Set<string>();
  const [from, to] = prefixRange(index, word[0] as string);
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
  const found = new Map<number, { tier: number; typo: boolean }>();
  const add = (positions: Iterable<number>, tierOf: (position: number) => MatchTier, typo: boolean) => {
    for (const position of positions) {
      const rank = TIER_ORDER[tierOf(position)] + (typo ? 4 : 0);
      const before = found.get(position);
      if (!before || rank < before.tier) found.set(position, { tier: rank, typo });
    }
  };
  const phraseOf = (queryWords: readonly string[]) => withoutLeadingArticles(queryWords).join('');

  if (words.length === 0) {
    const needle = text.trim().toLowerCase().replace(/\s+/g, ' ');
    if (needle !== '' && !needle.includes('\u0000'))
      add(
        index.texts.flatMap((title, position) => (title.includes(needle) ? [position] : [])),
        () => 'words',
        false,
      );
  } else {
    const phrase = phraseOf(words);
    add(matchAll(index, required), (position) => phraseTier(index, position, phrase), false);
    required.forEach((word, i) => {
      const others = required.filter((_, j) => j !== i);
      const alias = index.aliases[word];
      if (alias !== undefined)
        add(matchAll(index, [...readQuery(alias).required, ...others]), () => 'alias', false);
      const acronymOf = index.acronyms.get(word);
      if (acronymOf)
        add(
          acronymOf.filter((position) => matchesAll(index, position, others)),
          () => 'alias',
          false,
        );
    });
    if (found.size < limit) {
      required.forEach((word, i) => {
        if (word.length < MIN_TYPO_LENGTH || /^\d+$/.test(word)) return;
        for (const correction of corrections(index, word)) {
          const fixed = required.map((other, j) => (j === i ? correction : other));
          const fixedPhrase = phraseOf(words.map((other) => (other === word ? correction : other)));
          add(matchAll(index, fixed), (position) => phraseTier(index, position, fixedPhrase), true);
        }
      });
    }
  }

  const ranked = [...found].map(([position, { tier, typo }]) => ({
    position,
    tier,
    typo,
    popularity: popularity(index.ids[position] as number),
  }));
  ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.popularity - a.popularity ||
      compareText(index.texts[a.position] as string, index.texts[b.position] as string),
  );
  const tierNames = Object.keys(TIER_ORDER) as MatchTier[];
  return {
    hits: ranked.slice(0, limit).map(({ position, tier, typo }) => ({
      id: index.ids[position] as number,
      tier: tierNames[tier % 4] as MatchTier,
      typo,
    })),
    total: ranked.length,
  };
}

function matchesAll(index: SearchIndex, position: number, required: readonly string[]): boolean {
  const own = index.words[position] as string[];
  return required.every((word) => own.some((candidate) => candidate.startsWith(word)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
