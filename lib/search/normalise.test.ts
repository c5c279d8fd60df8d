import { foldText, romanToArabic, splitWords, withinOneEdit, withoutLeadingArticles } from './normalise';

describe('foldText', () => {
  it('drops case and diacritics, spells out ligatures and "&"', () => {
    expect(foldText('Amélie Poulain')).toBe('amelie poulain');
    expect(foldText('Ænima Œdipe Straße Łódź')).toBe('aenima oedipe strasse lodz');
    expect(foldText('Wallace & Gromit')).toBe('wallace  and  gromit');
    expect(foldText('SCHINDLER')).toBe('schindler');
  });
});

describe('splitWords', () => {
  it('splits at punctuation and keeps the joined spelling as an extra', () => {
    expect(splitWords('WALL·E (2008)')).toEqual({ words: ['wall', 'e', '2008'], extras: ['walle'] });
    expect(splitWords('wall-e')).toEqual({ words: ['wall', 'e'], extras: ['walle'] });
    expect(splitWords('E.T. the Extra-Terrestrial').extras).toEqual(['et', 'extraterrestrial']);
    expect(splitWords("d'Amélie").words).toEqual(['d', 'amelie']);
  });

  it('adds the arabic form of roman numerals from ii', () => {
    expect(splitWords('Godfather: Part II').extras).toEqual(['2']);
    expect(splitWords('Rocky IV').extras).toEqual(['4']);
    expect(splitWords('I, Robot').extras).toEqual([]);
    expect(splitWords('Mix it').extras).toEqual([]);
  });

  it('gives nothing for text without letters or digits', () => {
    expect(splitWords('  %_\\ ')).toEqual({ words: [], extras: [] });
  });
});

describe('romanToArabic', () => {
  it.each([
    ['ii', 2],
    ['iv', 4],
    ['ix', 9],
    ['xiv', 14],
    ['xxix', 29],
  ])('%s → %d', (roman, arabic) => expect(romanToArabic(roman)).toBe(arabic));
  it.each(['i', 'iiii', 'vv', 'mix', 'civil', ''])('%s is not a numeral it converts', (word) =>
    expect(romanToArabic(word)).toBeNull(),
  );
});

describe('withoutLeadingArticles', () => {
  it('drops leading articles of the MovieLens languages, but not a lone one', () => {
    expect(withoutLeadingArticles(['the', 'matrix'])).toEqual(['matrix']);
    expect(withoutLeadingArticles(['l', 'avventura'])).toEqual(['avventura']);
    expect(withoutLeadingArticles(['lord', 'of', 'the', 'rings'])).toEqual(['lord', 'of', 'the', 'rings']);
    expect(withoutLeadingArticles(['the'])).toEqual(['the']);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['godfater', 'godfather'], // a letter missing
    ['godfathher', 'godfather'], // one too many
    ['godfathir', 'godfather'], // one replaced
    ['godfahter', 'godfather'], // two swapped
    ['matrix', 'matrix'],
    ['a', 'b'],
    ['ab', 'ba'],
    ['', 'a'],
  ])('%s ~ %s', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(true);
    expect(withinOneEdit(b, a)).toBe(true);
  });

  it.each([
    ['godfter', 'godfather'],
    ['gdofathre', 'godfather'],
    ['abc', 'cba'],
    ['matrix', 'matrices'],
  ])('%s is two edits or more from %s', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(false);
    expect(withinOneEdit(b, a)).toBe(false);
  });

  it('compares with a prefix of the second word without slicing it', () => {
    expect(withinOneEdit('godfahte', 'godfather', 8)).toBe(true);
    expect(withinOneEdit('godfahte', 'godfather', 5)).toBe(false);
  });
});
