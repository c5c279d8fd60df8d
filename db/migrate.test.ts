import { sql } from 'kysely';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations';
import * as movieMarks from './migrations/2026-12-02-0007-movie-marks';
import { describeEachDatabase } from './test-db';

describeEachDatabase('migrations', (current) => {
  it('creates every table and records every migration', async () => {
    const { db } = current();
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`.execute(
      db,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['dataset_imports', 'links', 'movies', 'ratings', 'tags', 'users']),
    );
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
    expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations).sort()); // Kysely applies them in name order
  });

  it('is idempotent: running again applies nothing', async () => {
    await expect(migrateToLatest(current().db)).resolves.toEqual([]);
  });

  it('rejects a rating outside 0.5..5 or off the half steps', async () => {
    const { db } = current();
    await db.insertInto('users').values({ id: 1, kind: 'movielens' }).execute();
    await db
      .insertInto('movies')
      .values({ id: 1, title: 'Toy Story (1995)', year: 1995, genres: ['Animation'] })
      .execute();
    for (const rating of [0, 5.5, 3.25]) {
      await expect(
        db.insertInto('ratings').values({ user_id: 1, movie_id: 1, rating }).execute(),
      ).rejects.toThrow(/check constraint/i);
    }
    await db.insertInto('ratings').values({ user_id: 1, movie_id: 1, rating: 4.5 }).execute();
    const row = await db.selectFrom('ratings').select('rating').executeTakeFirstOrThrow();
    expect(row.rating).toBe(4.5);
  });

  it('gives visitors ids from their own sequence, above MovieLens ids', async () => {
    const visitor = await current()
      .db.insertInto('users')
      .values({ kind: 'visitor' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(visitor.id).toBeGreaterThanOrEqual(1_000_000);
  });

  it('moves hidden movies into movie_marks and back (2026-12-02-0007)', async () => {
    const { db } = current();
    await db
      .insertInto('movies')
      .values({ id: 2, title: 'Jumanji (1995)', year: 1995, genres: [] })
      .execute();
    const { id: userId } = await db
      .insertInto('users')
      .values({ kind: 'visitor' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await movieMarks.down(db);
    const hiddenAt = new Date('2026-11-30T12:00:00Z');
    await sql`INSERT INTO hidden_movies (user_id, movie_id, hidden_at) VALUES (${userId}, 2, ${hiddenAt})`.execute(
      db,
    );
    await movieMarks.up(db);
    await expect(db.selectFrom('movie_marks').selectAll().execute()).resolves.toEqual([
      { user_id: userId, movie_id: 2, mark: 'hidden', marked_at: hiddenAt },
    ]);
    await db.insertInto('movie_marks').values({ user_id: userId, movie_id: 2, mark: 'watchlist' }).execute();
    await movieMarks.down(db);
    const back = await sql<{ movie_id: number }>`SELECT movie_id FROM hidden_movies`.execute(db);
    expect(back.rows).toEqual([{ movie_id: 2 }]);
    await movieMarks.up(db);
  });
});
