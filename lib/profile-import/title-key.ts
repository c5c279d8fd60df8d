import { MOVED_ARTICLES } from '@/lib/display';
import { foldText, romanToArabic } from '@/lib/search/normalise';

/**
 * Title keys for matching a film named by another site (Letterboxd gives only a name and a year) to a MovieLens
 * title. Two spellings of one title get the same key when they differ only in:
 * - case, diacritics ("Amélie" = "Amelie") and punctuation ("WALL·E" = "WALL-E" = "wall e", "Schindler's" = "Schindlers");
 * - "&" against "and";
 * - a leading article, in front ("The Matrix") or moved behind a comma as MovieLens does ("Matrix, The").
 * Letters are folded and roman numerals read as the site search does (lib/search/normalise.ts); the matching
 * itself stays strict (whole keys, no typo tolerance).
 */

const ARTICLES = new Set(MOVED_ARTICLES.map((article) => article.toLowerCase().replace(/'$/, '')));
const MOVED_ARTICLE = new RegExp(`,\\s*(${MOVED_ARTICLES.join('|')})$`, 'i');
/** "L'Avventura": the elided article is glued to the word, so it goes before apostrophes are dropped. */
const ELIDED_ARTICLE = /^l['’]\s*/i;

/** The normalised words of a title, without a leading (or moved) article. */
export function titleKey(title: string): string {
  const spaced = title
    .trim()
    .replace(MOVED_ARTICLE, '')
    .replace(ELIDED_ARTICLE, '')
    .replace(/[\u00BC-\u00BE\u2150-\u215E]/gu, ' $&'); // "8½" = "8 1/2": NFKD alone makes "81⁄2"
  const words = foldText(spaced)
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  // Sequel numbers: "Mission: Impossible II" = "Mission: Impossible 2" (not "i", "v" or "x", which are also words).
  return words.map((word) => String(romanToArabic(word) ?? word)).join(' ');
}

const TRAILING_YEAR = /\s*\((\d{4})(?:\s*[–-]\s*(?:\d{4})?)?\)\s*$/;
/** "(a.k.a. Se7en)", "(Léon)", "(Fabuleux destin d'Amélie Poulain, Le)" */
const PARENTHESISED = /\s*\(([^()]*)\)\s*$/;

/**
 * Every key a MovieLens title answers to: its main title, each alternative title MovieLens gives in parentheses
 * ("Seven (a.k.a. Se7en) (1995)" → "seven", "se7en"), and those with the parentheses kept as words (for films whose
 * real title has them). `segments` holds the parts around a colon or a spaced dash ("Star Wars: Episode V - The
 * Empire Strikes Back" → "star wars", "episode 5", "empire strikes back"), weaker keys tried only when nothing
 * matches a full title: other sites often name a film by one of them ("The Empire Strikes Back", "X2").
 */
export function movieLensTitleKeys(title: string): { keys: string[]; segments: string[] } {
  let rest = title.replace(TRAILING_YEAR, '').trim();
  const names: string[] = [];
  for (let match = PARENTHESISED.exec(rest); match && match.index > 0; match = PARENTHESISED.exec(rest)) {
    names.push(match[1]!.replace(/^a\.k\.a\.\s*/i, ''));
    rest = rest.slice(0, match.index).trim();
  }
  names.unshift(rest);
  const keys = new Set([...names, title.replace(TRAILING_YEAR, '')].map(titleKey).filter(Boolean));
  const segments = new Set(
    names
      .flatMap((name) => name.split(/:|\s[-–—]\s/))
      .map(titleKey)
      .filter((key) => key && !keys.has(key)),
  );
  return { keys: [...keys], segments: [...segments] };
}
