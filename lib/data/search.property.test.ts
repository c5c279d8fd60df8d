import fc from 'fast-check';
import { describeEachDatabase } from '@/db/test-db';
import { seedTestMovies, TEST_MOVIES } from './test-movies';
import { suggestMovies } from './movies';

/**
 * suggestMovies against a plain-JavaScript oracle: whatever the text (quotes, LIKE wildcards, backslashes, SQL
 * keywords, Unicode), it is matched literally as a case-insensitive substring of the title, never as SQL or as a
 * pattern. The alphabet is the titles' own characters plus SQL's special ones, so that matches actually happen.
 */

const TITLE_CHARS = [...new Set(TEST_MOVIES.map((movie) => movie.title.toLowerCase()).join(''))];
const SPECIAL = ["'", '"', '%', '_', '\\', ';', '-', '*', '(', ')', '[', ']', '^', '$', '.', '?', '{', '}', '|', '/', 'é', 'É', '日本', '🎬', '\t', '\u0000'];
const FRAGMENTS = ["' OR 1=1 --", "'; DROP TABLE movies; --", 'UNION SELECT', '%%', '\\%', '\\\\', '_%_', "O'Brien", '$1', '::text', 'E\'\\x00\''];

const searchText = fc.oneof(
  fc.array(fc.constantFrom(...TITLE_CHARS, ...SPECIAL), { minLength: 1, maxLength: 8 }).map((chars) => chars.join('')),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...TITLE_CHARS)), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  // Substrings of real titles, with their case changed: these must be found.
  fc
    .tuple(fc.constantFrom(...TEST_MOVIES.map((movie) => movie.title)), fc.nat(), fc.nat(), fc.boolean())
    .map(([title, a, b, upper]) => {
      const start = a % title.length;
      const text = title.slice(start, start + 1 + (b % 6));
      return upper ? text.toUpperCase() : text;
    }),
);

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

describeEachDatabase(
  'suggestMovies under random text',
  (current) => {
    it('finds exactly the titles containing the text, literally', async () => {
      await fc.assert(
        fc.asyncProperty(searchText, async (text) => {
          const needle = normalise(text);
          const found = await suggestMovies(current().db, text, 50);
          const foundIds = found.map((movie) => movie.id).sort((a, b) => a - b);
          const literal = TEST_MOVIES.filter((movie) => normalise(movie.title).includes(needle)).map((movie) => movie.id);
          if (needle === '') {
            expect(foundIds).toEqual([]);
            return;
          }
          // Every literal match is found; anything more may only come from the moved-article rule ("the matrix").
          expect(foundIds).toEqual(expect.arrayContaining(literal));
          if (!/^(the|a|an|la|le|les|il|el|der|die|das) ./.test(needle)) expect(foundIds).toEqual([...literal].sort((a, b) => a - b));
        }),
        { numRuns: 150 },
      );
    });

    it('survives text that is not a title at all: control characters, lone surrogates, very long text', async () => {
      const junk = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constant('x'.repeat(10_000)), fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udfff x'));
      await fc.assert(
        fc.asyncProperty(junk, async (text) => {
          await expect(suggestMovies(current().db, text, 10)).resolves.toBeInstanceOf(Array);
        }),
        { numRuns: 100 },
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
