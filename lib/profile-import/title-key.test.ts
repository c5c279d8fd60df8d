import { movieLensTitleKeys, titleKey } from './title-key';

describe('titleKey', () => {
  it.each([
    ['The Matrix', 'Matrix, The'],
    ['Amélie', 'Amelie'],
    ['WALL·E', 'Wall-E'],
    ["Schindler's List", 'Schindlers List'],
    ['Lock, Stock and Two Smoking Barrels', 'Lock, Stock & Two Smoking Barrels'],
    ["L'Avventura", "Avventura, L'"],
    ['La Haine', 'Haine, La'],
    ['Mission: Impossible 2', 'Mission: Impossible II'],
    ['8½', '8 1/2'],
    ['Æon Flux', 'Aeon Flux'],
    ['Rocky XI', 'Rocky 11'],
  ])('%s = %s', (a, b) => {
    expect(titleKey(a)).toBe(titleKey(b));
  });

  it('keeps titles apart that differ in words', () => {
    expect(titleKey('The Matrix')).not.toBe(titleKey('The Matrix Reloaded'));
    expect(titleKey('Alien')).not.toBe(titleKey('Aliens'));
    expect(titleKey('A')).toBe('a'); // a one-word title is never reduced to nothing
    expect(titleKey('Malcolm X')).toBe('malcolm x'); // one letter is a word, not a numeral
  });
});

describe('movieLensTitleKeys', () => {
  it('answers to the main title, each alternative title, and (weakly) the parts around a colon', () => {
    expect(movieLensTitleKeys("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)").keys).toEqual(
      expect.arrayContaining(['amelie', 'fabuleux destin damelie poulain']),
    );
    expect(movieLensTitleKeys('Seven (a.k.a. Se7en) (1995)').keys).toEqual(
      expect.arrayContaining(['seven', 'se7en']),
    );
    const starWars = movieLensTitleKeys('Star Wars: Episode V - The Empire Strikes Back (1980)');
    expect(starWars.keys).toEqual(['star wars episode v the empire strikes back']);
    expect(starWars.segments).toEqual(expect.arrayContaining(['star wars', 'empire strikes back']));
  });
});
