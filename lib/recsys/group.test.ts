import { GROUP_STRATEGIES, rankForGroup, type GroupCandidate } from './group';

/**
 * Three people, four movies, built so that each strategy picks a different winner:
 * - 1 (the crowd-pleaser on average): 5, 5, 2 → mean 4, but the third person would be miserable;
 * - 2 (nobody's favourite, nobody's misery): 3.5, 3.5, 3.5 → mean 3.5, min 3.5 (least misery's pick);
 * - 3 (solid, one lukewarm): 4.5, 4.5, 2.5 → mean 3.83, min 2.5 (survives a 2.5 threshold);
 * - 4: 4, 4, 2 → mean 3.33, min 2.
 */
const MOVIES: GroupCandidate[] = [
  { movieId: 1, predictions: [5, 5, 2] },
  { movieId: 2, predictions: [3.5, 3.5, 3.5] },
  { movieId: 3, predictions: [4.5, 4.5, 2.5] },
  { movieId: 4, predictions: [4, 4, 2] },
];

const order = (strategy: (typeof GROUP_STRATEGIES)[number], miseryThreshold?: number) =>
  rankForGroup(MOVIES, { strategy, miseryThreshold }).map((pick) => pick.movieId);

describe('group strategies', () => {
  it('average ranks by the mean', () => {
    expect(order('average')).toEqual([1, 3, 2, 4]);
  });

  it('average without misery drops anyone’s prediction below the threshold, then averages', () => {
    expect(order('average-without-misery')).toEqual([3, 2]);
    expect(order('average-without-misery', 3)).toEqual([2]);
    expect(order('average-without-misery', 1)).toEqual([1, 3, 2, 4]);
  });

  it('least misery maximises the minimum (ties: the higher mean)', () => {
    expect(order('least-misery')).toEqual([2, 3, 1, 4]);
  });

  it('names the keenest and the least keen person and the strategy’s score', () => {
    const [first] = rankForGroup(MOVIES, { strategy: 'average-without-misery' });
    expect(first).toEqual({
      movieId: 3,
      score: 23 / 6,
      mean: 23 / 6,
      min: 2.5,
      max: 4.5,
      keenest: 0,
      leastKeen: 2,
    });
    const [safest] = rankForGroup(MOVIES, { strategy: 'least-misery' });
    expect(safest).toMatchObject({ movieId: 2, score: 3.5 });
  });

  it('breaks a tie in the score by the higher mean', () => {
    const tied = [
      { movieId: 1, predictions: [3, 3] },
      { movieId: 2, predictions: [3, 5] },
    ];
    expect(rankForGroup(tied, { strategy: 'least-misery' }).map((p) => p.movieId)).toEqual([2, 1]);
  });

  it('returns at most n picks and leaves its input alone', () => {
    const copy = structuredClone(MOVIES);
    expect(rankForGroup(MOVIES, { strategy: 'average', n: 2 })).toHaveLength(2);
    expect(MOVIES).toEqual(copy);
    expect(rankForGroup([], { strategy: 'average' })).toEqual([]);
  });

  it('refuses what it cannot rank', () => {
    expect(() => rankForGroup([{ movieId: 1, predictions: [] }], { strategy: 'average' })).toThrow(
      RangeError,
    );
    expect(() =>
      rankForGroup(
        [
          { movieId: 1, predictions: [3] },
          { movieId: 2, predictions: [3, 4] },
        ],
        { strategy: 'average' },
      ),
    ).toThrow(/movie 2 has 2 predictions, expected 1/);
    expect(() => rankForGroup([{ movieId: 1, predictions: [7] }], { strategy: 'average' })).toThrow(
      /off the rating scale/,
    );
    expect(() => rankForGroup(MOVIES, { strategy: 'average-without-misery', miseryThreshold: 6 })).toThrow(
      RangeError,
    );
    expect(() => rankForGroup(MOVIES, { strategy: 'median' as 'average' })).toThrow(/unknown group strategy/);
  });
});
