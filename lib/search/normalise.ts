/**
 * Text as the search compares it: what a visitor types and what MovieLens stores differ in case, diacritics,
 * punctuation and where the article sits ("wall-e" / "WALL·E", "amelie" / "Amélie", "the godfather" / "Godfather,
 * The"), so both sides are folded to the same plain words before any comparison.
 */
import { MOVED_ARTICLES } from '@/lib/display';

/** Leading articles, folded ("L'" → "l"): optional in a query, ignored at the start of a title. */
export const ARTICLES: ReadonlySet<string> = new Set([
  ...MOVED_ARTICLES.map((article) => article.toLowerCase().replace("'", '')),
]);

// Letters that Unicode decomposition leaves whole but a visitor types as plain Latin.
const LIGATURES: Record<string, string> = {
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const LIGATURE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'g');
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const ASCII_NOT_WORD = /[^a-z0-9]+/;
const PLAIN_ASCII = /^[\x00-\x7f]*$/;
const ROMAN = /^(?:x{0,2})(?:ix|iv|v?i{0,3})$/;

/** Lower case, diacritics removed, ligatures spelled out, "&" as "and": "Amélie & Œdipe" → "amelie and oedipe". */
export function foldText(text: string): string {
  // Most titles are plain ASCII: skip the Unicode work for them (the index folds every title once per data version).
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(/&/g, ' and ');
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(LIGATURE, (letter) => LIGATURES[letter] ?? letter)
    .replace(/&/g, ' and ');
}

/** A title or query as words: `words` in order (split at every non-letter), `extras` other spellings of them. */
export interface Words {
  words: string[];
  /**
   * Joined forms of punctuated words ("wall·e" → "walle", "spider-man" → "spiderman", "e.t." → "et") and arabic
   * forms of roman numerals ("ii" → "2"), so either way of typing them matches.
   */
  extras: string[];
}

/** Splits folded text into words; see `Words`. */
export function splitWords(text: string): Words {
  const words: string[] = [];
  const extras: string[] = [];
  const folded = foldText(text);
  const notWord = PLAIN_ASCII.test(folded) ? ASCII_NOT_WORD : NOT_WORD;
  for (const chunk of folded.split(/\s+/)) {
    const parts = chunk.split(notWord).filter((part) => part !== '');
    words.push(...parts);
    if (parts.length > 1) extras.push(parts.join(''));
  }
  for (const word of words) {
    const arabic = romanToArabic(word);
    if (arabic !== null) extras.push(String(arabic));
  }
  return { words, extras };
}

/** 2..29 for "ii".."xxix" ("i" alone is more often the pronoun: "I, Robot"); null for anything else. */
export function romanToArabic(word: string): number | null {
  if (word.length < 2 || !ROMAN.test(word)) return null;
  const value: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let i = 0; i < word.length; i++) {
    const current = value[word[i] as string] as number;
    const next = value[word[i + 1] as string] ?? 0;
    total += current < next ? -current : current;
  }
  return total;
}

/** Words without their leading articles ("the matrix" → "matrix"); an article alone stays ("the" → "the"). */
export function withoutLeadingArticles(words: readonly string[]): string[] {
  let start = 0;
  while (start < words.length - 1 && ARTICLES.has(words[start] as string)) start++;
  return words.slice(start);
}

/**
 * True when `a` becomes `b` (or its first `bLength` letters) by at most one edit: a letter inserted, removed or
 * replaced, or two neighbours swapped (Damerau's transposition: "godfahter"). Linear time, no table and no slicing:
 * the search calls it for every vocabulary word.
 */
export function withinOneEdit(a: string, b: string, bLength = b.length): boolean {
  const lengthGap = a.length - bLength;
  if (lengthGap > 1 || lengthGap < -1) return false;
  let start = 0;
  while (start < a.length && start < bLength && a[start] === b[start]) start++;
  if (start === a.length && start === bLength) return true;
  let endA = a.length - 1;
  let endB = bLength - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  // What differs, after the common start and end, is at most one letter on each side...
  const restA = endA - start + 1;
  const restB = endB - start + 1;
  if (restA <= 1 && restB <= 1) return true;
  // ...or two neighbours swapped.
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}
