import path from 'node:path';
import { readMoviesCsv, readRatingsCsv } from '../../scripts/lib/recsys-data';
import { minRatingsFilter } from './candidates';
import { explanationReasons, runPersonas, type MovieMeta, type Persona } from './personas';
import { OPPOSITE_PERSONAS, PERSONAS } from './personas-data';
import type { Recommender } from './types';

const DATA = path.join(__dirname, '../../data/ml-latest-small');

describe('persona data (checked against ml-latest-small)', () => {
  const movies = readMoviesCsv(path.join(DATA, 'movies.csv'));
  const ratings = readRatingsCsv(path.join(DATA, 'ratings.csv'));
  const counts = new Map<number, number>();
  for (const id of Array.from(ratings.movieIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const allGenres = new Set([...movies.values()].flatMap((m) => m.genres.split('|')));

  it.each(PERSONAS.map((p) => [p.id, p] as const))(
    '%s: real ids and titles, known genres, 8–15 ratings',
    (_id, p) => {
      for (const r of p.ratings) expect(movies.get(r.movieId)?.title).toBe(r.title);
      for (const g of p.likedGenres) expect(allGenres).toContain(g);
      if (p.id !== 'two-ratings') expect(p.ratings.length).toBeGreaterThanOrEqual(8);
      expect(p.ratings.length).toBeLessThanOrEqual(15);
      expect(new Set(p.ratings.map((r) => r.movieId)).size).toBe(p.ratings.length);
    },
  );

  it('has at least 12 personas, the special visitors as described, and opposite pairs of known personas', () => {
    expect(PERSONAS.length).toBeGreaterThanOrEqual(12);
    const byId = new Map(PERSONAS.map((p) => [p.id, p]));
    expect(byId.get('two-ratings')?.ratings).toHaveLength(2);
    const year = (title: string) => Number(/\((\d{4})\)\s*$/.exec(title)?.[1]);
    for (const r of byId.get('old-films')?.ratings ?? []) expect(year(r.title)).toBeLessThan(1970);
    for (const r of byId.get('obscure-films')?.ratings ?? [])
      expect(counts.get(r.movieId)).toBeLessThanOrEqual(10);
    for (const [a, b] of OPPOSITE_PERSONAS) expect([byId.has(a), byId.has(b)]).toEqual([true, true]);
    expect(PERSONAS.filter((p) => p.singleGenre).length).toBeGreaterThanOrEqual(5);
  });
});

describe('runPersonas', () => {
  const meta = new Map<number, MovieMeta>([
    [10, { genres: ['Horror'], ratingCount: 5 }],
    [11, { genres: ['Comedy'], ratingCount: 50 }],
    [12, { genres: ['Horror', 'Comedy'], ratingCount: 500 }],
  ]);
  const personas: Persona[] = [
    {
      id: 'a',
      label: 'A',
      likedGenres: ['Horror'],
      singleGenre: true,
      ratings: [
        { movieId: 1, title: 'x', rating: 5 },
        { movieId: 2, title: 'y', rating: 1 },
      ],
    },
    {
      id: 'b',
      label: 'B',
      likedGenres: ['Comedy'],
      singleGenre: true,
      ratings: [{ movieId: 3, title: 'z', rating: 4 }],
    },
  ];
  // Answers the same three movies for everyone and cites every profile movie (the disliked one included).
  const stub: Recommender = {
    algorithm: 'popular',
    params: {},
    recommend: (profile, options) =>
      [10, 11, 12]
        .filter((id) => options?.filter?.(id) ?? true)
        .slice(0, options?.n ?? 10)
        .map((movieId) => ({
          movieId,
          score: 1,
          predictedRating: null,
          explanation: {
            kind: 'stub',
            text: '',
            because: profile.map((r) => ({
              movieId: r.movieId,
              rating: r.rating,
              contribution: r.rating > 4 ? 1 : 0.5,
            })),
          },
        })),
    predict: (_p, ids) => ids.map(() => null),
    explain: () => ({ kind: 'popular', ratingCount: 0, meanRating: 0 }),
  };

  it('scores liked share, median rating count, opposite overlap and explanations citing a dislike', () => {
    const r = runPersonas(stub, meta, { personas, opposites: [['a', 'b']], n: 3 });
    expect(r.personas.map((p) => p.likedShare)).toEqual([2 / 3, 2 / 3]);
    expect(r.personas[0]?.medianRatingCount).toBe(50);
    expect(r.opposites).toEqual([{ a: 'a', b: 'b', shared: 3 }]);
    expect(r.maxOppositeShared).toBe(3);
    // persona a: movie 2 (rated 1) cited with a positive contribution in each of 3 lists.
    expect(r.personas.map((p) => p.dislikedReasons)).toEqual([3, 0]);
    expect(r.dislikedReasons).toBe(3);
    expect(r.minLikedShare).toBeCloseTo(2 / 3);
  });

  it('applies a recommend-time filter, and rejects an unknown persona in a pair', () => {
    const filter = minRatingsFilter((id) => meta.get(id)?.ratingCount ?? 0, 50);
    const r = runPersonas(stub, meta, { personas, opposites: [], n: 3, options: { filter } });
    expect(r.personas[0]?.top).toEqual([11, 12]);
    expect(() => runPersonas(stub, meta, { personas, opposites: [['a', 'nobody']] })).toThrow(RangeError);
    // A per-profile filter sees each persona's own ratings.
    const seen: number[] = [];
    runPersonas(stub, meta, {
      personas,
      opposites: [],
      n: 3,
      candidateFilter: (profile) => (seen.push(profile.length), () => true),
    });
    expect(seen).toEqual([2, 1]);
  });

  it('explanationReasons keeps positive contributions of `because` lists, nothing for other kinds', () => {
    expect(
      explanationReasons({
        kind: 'x',
        text: '',
        because: [
          { movieId: 1, contribution: 0.2 },
          { movieId: 2, contribution: -0.1 },
        ],
      }),
    ).toEqual([1]);
    expect(explanationReasons({ kind: 'popular', ratingCount: 3, meanRating: 4 })).toEqual([]);
  });
});
