import { displayTitle, explanationText, spokenStars, starsText } from './display';

const titles = new Map([
  [2571, 'Matrix, The (1999)'],
  [1214, 'Alien (1979)'],
  [1, 'Toy Story (1995)'],
]);
const titleOf = (id: number) => titles.get(id);

describe('explanationText', () => {
  it('names up to two liked movies behind a score, the same way for every model that cites them', () => {
    const because = [
      { movieId: 2571, rating: 5, contribution: 0.8 },
      { movieId: 1214, rating: 4.5, contribution: 0.3 },
      { movieId: 1, rating: 4, contribution: 0.1 },
    ];
    for (const kind of ['nmf', 'mf', 'ease', 'blend']) {
      expect(explanationText({ kind, because, text: '' }, titleOf)).toBe(
        'because you liked The Matrix (5★) and Alien (4.5★)',
      );
    }
    expect(
      explanationText({ kind: 'nmf', because: [{ movieId: 1, rating: 4.5, contribution: -1 }] }, titleOf),
    ).toBe('fits the tastes your ratings suggest');
  });

  it('mentions a dislike only as a side note after what the visitor liked, and only when it weighed more', () => {
    const explanation = {
      kind: 'nmf' as const,
      because: [{ movieId: 2571, rating: 5, contribution: 0.3 }],
      disliked: [{ movieId: 1214, rating: 1, contribution: 0.4 }],
    };
    expect(explanationText(explanation, titleOf)).toBe(
      'because you liked The Matrix (5★) · and you disliked Alien (1★)',
    );
    const weaker = { ...explanation, disliked: [{ movieId: 1214, rating: 1, contribution: 0.2 }] };
    expect(explanationText(weaker, titleOf)).toBe('because you liked The Matrix (5★)');
    expect(explanationText({ kind: 'nmf', because: [], disliked: explanation.disliked }, titleOf)).toBe(
      'fits the tastes your ratings suggest',
    );
  });

  it('counts the similar users who rated it 4★ or more', () => {
    expect(
      explanationText(
        { kind: 'cosine', supporters: 7, neighbours: [{ userId: 3, similarity: 0.62, rating: 5 }] },
        titleOf,
      ),
    ).toBe('liked by 7 people with tastes like yours who rated it 4★ or more');
    expect(explanationText({ kind: 'cosine', supporters: 1, neighbours: [] }, titleOf)).toBe(
      'liked by 1 person with tastes like yours who rated it 4★ or more',
    );
    expect(explanationText({ kind: 'cosine', supporters: 0, neighbours: [] }, titleOf)).toBe(
      'rated by people with tastes like yours',
    );
  });

  it('explains popular movies by their MovieLens average, and passes other texts through', () => {
    expect(explanationText({ kind: 'popular', ratingCount: 329, meanRating: 4.16 }, titleOf)).toBe(
      'rated 4.2★ on average by 329 MovieLens users',
    );
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
    expect(displayTitle('Crimson Rivers, The (Rivières pourpres, Les) (2000)')).toBe(
      'Crimson Rivers, The (Rivières pourpres, Les)',
    );
    expect(displayTitle('(500) Days of Summer (2009)')).toBe('(500) Days of Summer');
  });
});

describe('stars', () => {
  it('reads compactly in text and in full when spoken', () => {
    expect([starsText(5), starsText(4.5), spokenStars(1), spokenStars(3.5)]).toEqual([
      '5★',
      '4.5★',
      '1 star',
      '3.5 stars',
    ]);
  });
});
