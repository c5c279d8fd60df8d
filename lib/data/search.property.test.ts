import fc from 'fast-check';
import { describeEachDatabase } from '@/db/test-db';
import { splitWords } from '@/lib/search/normalise';
import { suggestMovies } from './search';
import { seedTestMovies, TEST_MOVIES } from './test-movies';

/**
 * suggestMovies under random text (fast-check): hostile text (quotes, LIKE wildcards, backslashes, SQL keywords,
 * Unicode, NUL) is never read as SQL or as a pattern and never throws, and a title's own words, in any order and
 * case, with any punctuation between them, always find it.
 */

const SPECIAL = ["'", '"', '%', '_', '\\', ';', '-', '*', '(', ')', '[', ']', '^', '$', '.', '?', '{', '}', '|', '/', 'é', 'É', '日本', '🎬', '\t', '\u0000'];
const FRAGMENTS = ["' OR 1=1 --", "'; DROP TABLE movies; --", 'UNION SELECT', '%%', '\\%', '\\\\', '_%_', "O'Brien", '$1', '::text', "E'\\x00'"];
const TITLE_CHARS = [...new Set(TEST_MOVIES.map((movie) => movie.title.toLowerCase()).join(''))];

/** A movie's words shuffled, re-cased and joined by random punctuation: the title must be among the results. */
const scrambledTitle = fc
  .tuple(
    fc.constantFrom(...TEST_MOVIES.filter((movie) => splitWords(movie.title).words.length > 0)),
    fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    fc.constantFrom(' ', '-', ' · ', ', ', ': ', '  '),
    fc.boolean(),
  )
  .map(([movie, order, separator, upper]) => {
    const words = splitWords(movie.title).words.map((word, i) => ({ word, key: order[i % order.length] as number }));
    const text = words
      .sort((a, b) => a.key - b.key)
      .map(({ word }) => word)
      .join(separator);
    return { movie, text: upper ? text.toUpperCase() : text };
  });

describeEachDatabase(
  'suggestMovies under random text',
  (current) => {
    it("finds a title from its own words in any order, case and punctuation", async () => {
      await fc.assert(
        fc.asyncProperty(scrambledTitle, async ({ movie, text }) => {
          const found = await suggestMovies(current().db, text, 50);
          expect(found.map((suggestion) => suggestion.id)).toContain(movie.id);
        }),
        { numRuns: 100 },
      );
    });

    it('answers hostile text with a list (never SQL, never a throw), literally when it has no words', async () => {
      const hostile = fc.oneof(
        fc.array(fc.constantFrom(...TITLE_CHARS, ...SPECIAL), { minLength: 1, maxLength: 8 }).map((chars) => chars.join('')),
        fc.array(fc.constantFrom(...FRAGMENTS, ...SPECIAL), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom('x'.repeat(10_000), '\u0000', 'a\u0000b', '\ud800', '\udfff x'),
      );
      await fc.assert(
        fc.asyncProperty(hostile, async (text) => {
          const found = await suggestMovies(current().db, text, 50);
          expect(found).toBeInstanceOf(Array);
          const needle = text.trim().toLowerCase().replace(/\s+/g, ' ');
          if (splitWords(text).words.length === 0 && needle !== '' && !needle.includes('\u0000')) {
            const literal = TEST_MOVIES.filter((movie) => movie.title.toLowerCase().includes(needle)).map((m) => m.id);
            expect(found.map((movie) => movie.id).sort((a, b) => a - b)).toEqual([...literal].sort((a, b) => a - b));
          }
        }),
        { numRuns: 200 },
      );
    });

    it('leaves the catalogue intact after hostile searches', async () => {
      for (const text of FRAGMENTS) await suggestMovies(current().db, text, 10);
      const rows = await current().db.selectFrom('movies').select('id').execute();
      expect(rows).toHaveLength(TEST_MOVIES.length);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
