import { describeEachDatabase } from './test-db';
import { inTransaction } from './raw-session';

describeEachDatabase('inTransaction beside Kysely transactions', (current) => {
  it('never starts inside a Kysely transaction in progress: both commit whole', async () => {
    const { connection, db } = current();
    let inKysely: () => void = () => undefined;
    const kyselyStarted = new Promise<void>((resolve) => (inKysely = resolve));
    const kysely = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('movies')
        .values({ id: 1, title: 'First (2000)', year: 2000, genres: [] })
        .execute();
      inKysely();
      // The raw transaction is asked for now, between two statements of this one.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await trx
        .insertInto('movies')
        .values({ id: 2, title: 'Second (2000)', year: 2000, genres: [] })
        .execute();
    });
    await kyselyStarted;
    const raw = inTransaction(
      connection,
      async (session) => session.query<{ n: number | string }>('SELECT count(*) AS n FROM movies'),
      { isolation: 'repeatable read' },
    );
    const [, rows] = await Promise.all([kysely, raw]);
    // On PGlite it waited for the Kysely transaction (sees both rows); on PostgreSQL it ran beside it (sees none).
    expect([0, 2]).toContain(Number(rows[0]?.n));
    const stored = await db.selectFrom('movies').select('id').orderBy('id').execute();
    expect(stored.map((row) => row.id)).toEqual([1, 2]);
  });
});
