import { displayTitle, explanationText, spokenStars, starsText } from './display';

const titles = new Map([[2571, 'Matrix, The (1999)'], [1214, 'Alien (1979)'], [1, 'Toy Story (1995)']]);
const titleOf = (id: number) => titles.get(id);

describe('explanationText', () => {
  it('names the two rated movies that contributed most to an NMF score', () => {
    expect(explanationText({ kind: 'nmf', because: [
      { movieId: 2571, rating: 5, contribution: 0.8 }, { movieId: 1214, rating: 2, contribution: 0.3 }, { movieId: 1, rating: 4, contribution: -0.2 },
    ] }, titleOf)).toBe('because you rated The Matrix 5★ and Alien only 2★');
    expect(explanationText({ kind: 'nmf', because: [{ movieId: 1, rating: 4.5, contribution: -1 }] }, titleOf)).toBe('fits the tastes your ratings suggest');
  });

  it('counts the similar users behind a cosine score', () => {
    expect(explanationText({ kind: 'cosine', supporters: 7, neighbours: [{ userId: 3, similarity: 0.62, rating: 5 }] }, titleOf))
      .toBe('liked by 7 users with tastes like yours (the closest, 62% alike, gave it 5★)');
    expect(explanationText({ kind: 'cosine', supporters: 1, neighbours: [] }, titleOf)).toBe('liked by 1 user with tastes like yours');
  });

  it('explains popular, EASE and MF scores', () => {
    expect(explanationText({ kind: 'popular', ratingCount: 329, meanRating: 4.16 }, titleOf)).toBe('rated 4.2★ on average by 329 MovieLens users');
    expect(explanationText({ kind: 'ease', text: 'x', because: [{ movieId: 1, rating: 4, contribution: 0.1 }] }, titleOf)).toBe('often watched by people who watched Toy Story');
    expect(explanationText({ kind: 'mf', text: 'x', because: [{ movieId: 2571, rating: 4.5, contribution: 0.1 }] }, titleOf)).toBe('because you rated The Matrix 4.5★');
    expect(explanationText({ kind: 'other', text: 'Something else' }, titleOf)).toBe('Something else');
  });
});

describe('displayTitle', () => {
  it('drops the year and puts a moved article back, in every language MovieLens moves', () => {
    expect(displayTitle('Matrix, The (1999)')).toBe('The Matrix');
    expect(displayTitle('Babylon 5 (1993–1998)')).toBe('Babylon 5');
    expect(displayTitle('Haine, La (1995)')).toBe('La Haine');
    expect(displayTitle('Dernier métro, Le (1980)')).toBe('Le Dernier métro');
    expect(displayTitle("Avventura, L' (1960)")).toBe("L'Avventura");
    expect(displayTitle('Boot, Das (Boat, The) (1981)')).toBe('Boot, Das (Boat, The)');
    expect(displayTitle('Crimson Rivers, The (Rivières pourpres, Les) (2000)')).toBe('Crimson Rivers, The (Rivières pourpres, Les)');
    expect(displayTitle('(500) Days of Summer (2009)')).toBe('(500) Days of Summer');
  });
});

describe('stars', () => {
  it('reads compactly in text and in full when spoken', () => {
    expect([starsText(5), starsText(4.5), spokenStars(1), spokenStars(3.5)]).toEqual(['5★', '4.5★', '1 star', '3.5 stars']);
  });
});
