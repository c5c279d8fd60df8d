import { titleNames, titlePhrases } from './titles';

describe('titleNames', () => {
  it('puts moved articles back and reads alternative titles in parentheses', () => {
    expect(titleNames('Godfather: Part II, The (1974)')).toEqual(['The Godfather: Part II']);
    expect(titleNames("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)")).toEqual([
      'Amelie',
      "Le Fabuleux destin d'Amélie Poulain",
    ]);
    expect(titleNames('Seven (a.k.a. Se7en) (1995)')).toEqual(['Seven', 'Se7en']);
    expect(titleNames("Avventura, L' (1960)")).toEqual(["L'Avventura"]);
    expect(titleNames('Untitled')).toEqual(['Untitled']);
    // A comma that is not before an article stays where it is.
    expect(titleNames('Crouching Tiger, Hidden Dragon (2000)')).toEqual(['Crouching Tiger, Hidden Dragon']);
  });
});

describe('titlePhrases', () => {
  it('keeps each name without leading articles, parts after a colon or dash, and acronyms', () => {
    const phrases = titlePhrases('Lord of the Rings: The Two Towers, The (2002)');
    expect(phrases.primary).toEqual([['lord', 'of', 'the', 'rings', 'the', 'two', 'towers']]);
    expect(phrases.secondary).toEqual([
      ['lord', 'of', 'the', 'rings'],
      ['two', 'towers'],
    ]);
    expect(phrases.acronyms).toEqual(expect.arrayContaining(['lotr', 'tlotrttt', 'lotrttt']));
  });

  it('derives the acronym of a subtitle after a dash', () => {
    const phrases = titlePhrases('Star Wars: Episode V - The Empire Strikes Back (1980)');
    expect(phrases.acronyms).toEqual(expect.arrayContaining(['esb', 'tesb']));
    expect(phrases.acronyms).not.toContain('sw'); // two letters: the alias table's job
  });
});
