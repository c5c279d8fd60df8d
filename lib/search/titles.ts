/**
 * How a MovieLens title reads to the search. "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)" is one title
 * with a year, an alternative title in parentheses and a moved article; "Lord of the Rings: The Two Towers, The
 * (2002)" has a series name before the colon. Each way a visitor may name the film becomes a phrase.
 */
import { ARTICLES, splitWords, withoutLeadingArticles } from './normalise';

const TRAILING_YEAR = /\s*\(\d{4}(?:\s*[–-]\s*(?:\d{4})?)?\)\s*$/;
const TRAILING_PARENTHESES = /\s*\(([^()]*)\)\s*$/;
const AKA = /^(?:a\.?k\.?a\.?|also known as)\s+/i;
const MOVED_ARTICLE = /^(.+), ([^\s,]+)$/;
const SEGMENT_BREAK = /\s*:\s+|\s+[-–—]\s+/;

export interface TitlePhrases {
  /** The title and its alternative titles, as words without leading articles. */
  primary: string[][];
  /** Parts after a colon or dash ("The Two Towers") and the series name before one ("Lord of the Rings"). */
  secondary: string[][];
  /** Initials of the title, its parts and alternative titles ("lotr"), three letters or more. */
  acronyms: string[];
}

/** "Godfather: Part II, The" → "The Godfather: Part II"; a moved article goes back in front. */
function unmoveArticle(name: string): string {
  const moved = MOVED_ARTICLE.exec(name.trim());
  if (!moved || !ARTICLES.has(splitWords(moved[2] as string).words.join(''))) return name.trim();
  const [, rest, article] = moved as unknown as [string, string, string];
  return `${article}${article.endsWith("'") ? '' : ' '}${rest}`;
}

/** The names a title carries: the main one, then each alternative in parentheses ("a.k.a." dropped). */
export function titleNames(title: string): string[] {
  let rest = title.replace(TRAILING_YEAR, '');
  const alternatives: string[] = [];
  for (
    let match = TRAILING_PARENTHESES.exec(rest);
    match && match.index > 0;
    match = TRAILING_PARENTHESES.exec(rest)
  ) {
    alternatives.unshift((match[1] as string).replace(AKA, ''));
    rest = rest.slice(0, match.index);
  }
  return [rest, ...alternatives].map(unmoveArticle).filter((name) => name !== '');
}

function initials(words: readonly string[]): string {
  return words.map((word) => (/^\d+$/.test(word) ? word : word[0])).join('');
}

/** Phrases and acronyms of one MovieLens title; see `TitlePhrases`. */
export function titlePhrases(title: string): TitlePhrases {
  const primary: string[][] = [];
  const secondary: string[][] = [];
  const acronyms = new Set<string>();
  for (const name of titleNames(title)) {
    const words = splitWords(name).words;
    if (words.length === 0) continue;
    primary.push(withoutLeadingArticles(words));
    acronyms.add(initials(words)).add(initials(withoutLeadingArticles(words)));
    const segments = name.split(SEGMENT_BREAK).map((segment) => splitWords(segment).words);
    if (segments.length < 2) continue;
    for (const segment of segments) {
      if (segment.length === 0) continue;
      secondary.push(withoutLeadingArticles(segment));
      acronyms.add(initials(segment)).add(initials(withoutLeadingArticles(segment)));
    }
  }
  return { primary, secondary, acronyms: [...acronyms].filter((acronym) => acronym.length >= 3) };
}
