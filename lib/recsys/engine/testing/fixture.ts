/**
 * A tiny MovieLens-like database for engine tests: 12 users in two taste groups over 16 movies (group A loves
 * movies 1–8 and dislikes 9–16, group B the reverse), so every algorithm has something to find.
 */
import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { MODEL_SPECS, type ModelSpec } from '@/lib/recsys/model-specs';

export const FIXTURE_GENRES = ['Comedy', 'Drama'];

export async function seedEngineFixture(db: Kysely<DB>, dataVersion = 'fixture-v1'): Promise<void> {
  await db
    .insertInto('users')
    .values(Array.from({ length: 12 }, (_, i) => ({ id: i + 1, kind: 'movielens' as const })))
    .execute();
  await db
    .insertInto('movies')
    .values(
      Array.from({ length: 16 }, (_, j) => ({
        id: j + 1,
        title: `Movie ${j + 1} (${1990 + j})`,
        year: 1990 + j,
        genres: [j < 8 ? 'Comedy' : 'Drama'],
      })),
    )
    .execute();
  await db
    .insertInto('links')
    .values(
      Array.from({ length: 16 }, (_, j) => ({
        movie_id: j + 1,
        imdb_id: `01000${j + 10}`,
        tmdb_id: 500 + j,
      })),
    )
    .execute();
  const ratings: { user_id: number; movie_id: number; rating: number }[] = [];
  for (let u = 1; u <= 12; u++) {
    const groupA = u <= 6;
    for (let m = 1; m <= 16; m++) {
      if ((u + m) % 4 === 0) continue; // leave a quarter of the cells unrated
      const liked = groupA === m <= 8;
      ratings.push({
        user_id: u,
        movie_id: m,
        rating: liked ? 4 + ((u + m) % 3) / 2 : 1 + ((u * m) % 3) / 2,
      });
    }
  }
  await db.insertInto('ratings').values(ratings).execute();
  await recordImport(db, dataVersion);
}

export async function recordImport(db: Kysely<DB>, dataVersion: string): Promise<void> {
  await db
    .insertInto('dataset_imports')
    .values({
      source: 'fixture',
      data_version: dataVersion,
      movies: 16,
      links: 16,
      ratings: 0,
      tags: 0,
      users: 12,
    })
    .execute();
}

/** Every site model with parameters that fit 12 users × 16 movies. */
export const FIXTURE_SPECS: ModelSpec[] = MODEL_SPECS.map((spec) => ({
  ...spec,
  // The fixture's movies have about 9 ratings each.
  candidates: spec.candidates && { ...spec.candidates, minRatings: 1 },
  params:
    spec.algorithm === 'nmf' || spec.algorithm === 'mf'
      ? { ...spec.params, rank: 3 }
      : spec.algorithm === 'ease'
        ? { ...spec.params, lambda: 10, minRatings: 2 }
        : spec.algorithm === 'ease-ials'
          ? { ...spec.params, lambda: 10, minRatings: 2, ials: { factors: 3, iterations: 3 } }
          : spec.params,
}));
