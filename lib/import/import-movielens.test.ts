import { sql } from 'kysely';
import fs from 'node:fs';
import pg from 'pg';
import { connectDatabase } from '@/db/client';
import { describeEachDatabase, type TestDatabase } from '@/db/test-db';
import { getDatabaseCounts } from '@/lib/data/stats';
import { BAD_INPUT_CASES, TINY_COUNTS, TINY_DIR, writeFixtureCopy } from '@/lib/movielens/test-fixtures';
import { importMovieLens, isDatabaseEmpty, MovieLensImportError, type ImportProgress } from '.';

const EMPTY = { movies: 0, links: 0, ratings: 0, tags: 0, users: 0, visitors: 0 };

async function importRows(database: TestDatabase) {
  return database.db.selectFrom('dataset_imports').selectAll().execute();
}

describeEachDatabase('importMovieLens: the tiny fixture', (current) => {
  it('starts empty', async () => {
    await expect(isDatabaseEmpty(current().db)).resolves.toBe(true);
  });

  it('imports every file, reports progress per file and records the data version', async () => {
    const events: ImportProgress[] = [];
    const result = await importMovieLens(current().connection, {
      dir: TINY_DIR,
      onProgress: (event) => events.push(event),
    });
    expect(result).toMatchObject({ action: 'imported', counts: TINY_COUNTS });
    expect(result.dataVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(
      events.filter((e) => e.step === 'parsed').map((e) => [e.step === 'parsed' && e.file, e.rows]),
    ).toEqual([
      ['movies.csv', 7],
      ['links.csv', 7],
      ['ratings.csv', 11],
      ['tags.csv', 3],
    ]);
    await expect(getDatabaseCounts(current().db)).resolves.toEqual({ ...TINY_COUNTS, visitors: 0 });
    const [row] = await importRows(current());
    expect(row).toMatchObject({ data_version: result.dataVersion, ...TINY_COUNTS });
    await expect(isDatabaseEmpty(current().db)).resolves.toBe(false);
  });

  it('leaves the planner statistics of the loaded tables (autovacuum may be off)', async () => {
    const { rows } = await sql<{ tablename: string }>`
      SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema() ORDER BY tablename`.execute(
      current().db,
    );
    expect(rows.map((row) => row.tablename)).toEqual(
      expect.arrayContaining(['links', 'movies', 'ratings', 'tags', 'users']),
    );
  });

  it('stores titles, years, genres, links, ratings and tags as released', async () => {
    const { db } = current();
    const movies = await db
      .selectFrom('movies')
      .selectAll()
      .where('id', 'in', [29, 40697, 171749])
      .orderBy('id')
      .execute();
    expect(movies).toEqual([
      {
        id: 29,
        title: 'City of Lost Children, The (Cité des enfants perdus, La) (1995)',
        year: 1995,
        genres: ['Adventure', 'Drama', 'Fantasy', 'Mystery', 'Sci-Fi'],
      },
      { id: 40697, title: 'Babylon 5', year: null, genres: ['Sci-Fi'] },
      { id: 171749, title: 'Death Note: Desu nôto (2006–2007)', year: 2006, genres: [] },
    ]);
    const links = await db
      .selectFrom('links')
      .selectAll()
      .where('movie_id', 'in', [1, 40697])
      .orderBy('movie_id')
      .execute();
    expect(links).toEqual([
      { movie_id: 1, imdb_id: '0114709', tmdb_id: 862 },
      { movie_id: 40697, imdb_id: '0105946', tmdb_id: null },
    ]);
    const rating = await db
      .selectFrom('ratings')
      .selectAll()
      .where('user_id', '=', 1)
      .where('movie_id', '=', 29)
      .executeTakeFirstOrThrow();
    expect(rating.rating).toBe(0.5);
    expect(rating.rated_at.toISOString()).toBe(new Date(964983815 * 1000).toISOString());
    const tags = await db.selectFrom('tags').select(['user_id', 'tag']).orderBy('id').execute();
    expect(tags).toEqual([
      { user_id: 2, tag: 'space station' },
      { user_id: 3, tag: '"pixar"' },
      { user_id: 4, tag: 'dreamlike, strange' },
    ]);
    const kinds = await db.selectFrom('users').select('kind').distinct().execute();
    expect(kinds).toEqual([{ kind: 'movielens' }]);
  });

  it('re-importing the same data is a no-op that says so', async () => {
    const before = await importRows(current());
    const copy = writeFixtureCopy(); // byte-identical, another folder: the data version depends on the bytes only
    const result = await importMovieLens(current().connection, { dir: copy });
    fs.rmSync(copy, { recursive: true });
    expect(result.action).toBe('unchanged');
    expect(result.counts).toEqual(TINY_COUNTS);
    expect(await importRows(current())).toEqual(before);
    await expect(getDatabaseCounts(current().db)).resolves.toEqual({ ...TINY_COUNTS, visitors: 0 });
  });

  it('refuses a different dataset without replace, and changes nothing', async () => {
    const dir = writeFixtureCopy([{ file: 'ratings.csv', line: 2, text: '1,1,3.0,964982703' }]);
    try {
      await expect(importMovieLens(current().connection, { dir })).rejects.toThrow(
        /^the database already holds a different MovieLens dataset .*--replace/,
      );
      await expect(getDatabaseCounts(current().db)).resolves.toEqual({ ...TINY_COUNTS, visitors: 0 });
      expect(await importRows(current())).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('replace swaps the MovieLens data and keeps visitors with their ratings of movies that remain', async () => {
    const { db, connection } = current();
    const visitor = await db
      .insertInto('users')
      .values({ kind: 'visitor' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('ratings')
      .values([
        { user_id: visitor.id, movie_id: 1, rating: 5 },
        { user_id: visitor.id, movie_id: 2, rating: 4 },
      ])
      .execute();
    // The new data drops movie 2 (Jumanji) with its link and its one MovieLens rating, and renames Toy Story.
    const dir = writeFixtureCopy();
    const edit = (file: string, from: string, to: string) =>
      fs.writeFileSync(`${dir}/${file}`, fs.readFileSync(`${dir}/${file}`, 'utf8').replace(from, to));
    edit('movies.csv', '2,Jumanji (1995),Adventure|Children|Fantasy\r\n', '');
    edit('movies.csv', 'Toy Story (1995)', 'Toy Story! (1995)');
    edit('links.csv', '2,0113497,8844\r\n', '');
    edit('ratings.csv', '1,2,3.5,964981247\r\n', '');
    try {
      const result = await importMovieLens(connection, { dir, replace: true });
      expect(result).toMatchObject({
        action: 'replaced',
        counts: { ...TINY_COUNTS, movies: 6, links: 6, ratings: 10 },
      });
      await expect(getDatabaseCounts(db)).resolves.toEqual({
        movies: 6,
        links: 6,
        ratings: 11,
        tags: 3,
        users: 4,
        visitors: 1,
      });
      const kept = await db
        .selectFrom('ratings')
        .select(['movie_id', 'rating'])
        .where('user_id', '=', visitor.id)
        .execute();
      expect(kept).toEqual([{ movie_id: 1, rating: 5 }]);
      expect(await importRows(current())).toHaveLength(2);
      const toyStory = await db
        .selectFrom('movies')
        .select('title')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      expect(toyStory.title).toBe('Toy Story! (1995)');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describeEachDatabase('importMovieLens: bad input writes nothing', (current) => {
  it.each(BAD_INPUT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, badCase) => {
    const dir = writeFixtureCopy(badCase.edits);
    try {
      const attempt = importMovieLens(current().connection, { dir });
      await expect(attempt).rejects.toBeInstanceOf(MovieLensImportError);
      await expect(attempt).rejects.toThrow(badCase.message);
      await expect(getDatabaseCounts(current().db)).resolves.toEqual(EMPTY);
      expect(await importRows(current())).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('a failure half-way through loading rolls everything back', async () => {
    const failAfterRatings = (event: ImportProgress) => {
      if (event.step === 'loaded' && event.table === 'ratings')
        throw new Error('simulated failure after loading ratings');
    };
    await expect(
      importMovieLens(current().connection, { dir: TINY_DIR, onProgress: failAfterRatings }),
    ).rejects.toThrow('simulated failure after loading ratings');
    await expect(getDatabaseCounts(current().db)).resolves.toEqual(EMPTY);
    expect(await importRows(current())).toEqual([]);
    // The database is still usable: the same import now succeeds.
    await expect(importMovieLens(current().connection, { dir: TINY_DIR })).resolves.toMatchObject({
      action: 'imported',
    });
  });
});

describeEachDatabase(
  'importMovieLens --replace never destroys visitors data (issue 13, item 3)',
  (current) => {
    let visitorId = 0;
    const visitorRows = async () => {
      const { db } = current();
      const ratings = await db
        .selectFrom('ratings')
        .select(['movie_id', 'rating'])
        .where('user_id', '=', visitorId)
        .orderBy('movie_id')
        .execute();
      const marks = await db
        .selectFrom('movie_marks')
        .select(['mark', 'movie_id'])
        .where('user_id', '=', visitorId)
        .orderBy('mark')
        .orderBy('movie_id')
        .execute();
      return { ratings, marks: marks.map((row) => `${row.mark} ${row.movie_id}`) };
    };
    // The tiny fixture cut down to movies 1 and 2 (Toy Story, Jumanji), with only their links, ratings and tags.
    const keepMovies = (ids: number[]) => {
      const keep = (text: string, column: number) =>
        text
          .split('\r\n')
          .filter((line, i) => i === 0 || line === '' || ids.includes(Number(line.split(',')[column])))
          .join('\r\n');
      return writeFixtureCopy([
        { file: 'movies.csv', rewrite: (text) => keep(text, 0) },
        { file: 'links.csv', rewrite: (text) => keep(text, 0) },
        { file: 'ratings.csv', rewrite: (text) => keep(text, 1) },
        { file: 'tags.csv', rewrite: (text) => keep(text, 1) },
      ]);
    };

    it('setup: the tiny fixture and a visitor who rated three movies and hid one', async () => {
      const { db, connection } = current();
      await importMovieLens(connection, { dir: TINY_DIR });
      visitorId = (
        await db.insertInto('users').values({ kind: 'visitor' }).returning('id').executeTakeFirstOrThrow()
      ).id;
      await db
        .insertInto('ratings')
        .values([
          { user_id: visitorId, movie_id: 1, rating: 5 },
          { user_id: visitorId, movie_id: 11, rating: 2.5 },
          { user_id: visitorId, movie_id: 29, rating: 4 },
        ])
        .execute();
      await db
        .insertInto('movie_marks')
        .values([
          { user_id: visitorId, movie_id: 40697, mark: 'hidden' },
          { user_id: visitorId, movie_id: 40697, mark: 'watchlist' },
        ])
        .execute();
    });

    it.each([
      ['movies.csv', 'the file has a header but no rows'],
      ['ratings.csv', 'the file has a header but no rows'],
    ] as const)('refuses a header-only %s and changes nothing', async (file, reason) => {
      const dir = writeFixtureCopy([{ file, rewrite: (text) => `${text.split('\r\n')[0]}\r\n` }]);
      try {
        await expect(
          importMovieLens(current().connection, { dir, replace: true, force: true }),
        ).rejects.toThrow(`${file}: ${reason}`);
        await expect(getDatabaseCounts(current().db)).resolves.toEqual({
          ...TINY_COUNTS,
          ratings: TINY_COUNTS.ratings + 3,
          visitors: 1,
        });
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });

    it('refuses, without --force, a replacement that removes most of the catalogue', async () => {
      const dir = keepMovies([1, 2]);
      try {
        await expect(importMovieLens(current().connection, { dir, replace: true })).rejects.toThrow(
          'the new data has 2 movies where the database has 7: a replacement that removes most of the data looks like a truncated download, ' +
            'so nothing was changed; if it is intended, run the import again with --replace --force',
        );
        await expect(getDatabaseCounts(current().db)).resolves.toEqual({
          ...TINY_COUNTS,
          ratings: TINY_COUNTS.ratings + 3,
          visitors: 1,
        });
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });

    it('refuses, without --force, a replacement that removes most of the MovieLens ratings', async () => {
      // Every movie stays; only user 1's first rating is left.
      const dir = writeFixtureCopy([
        { file: 'ratings.csv', rewrite: (text) => text.split('\r\n').slice(0, 3).join('\r\n') + '\r\n' },
      ]);
      try {
        await expect(importMovieLens(current().connection, { dir, replace: true })).rejects.toThrow(
          /^the new data has 2 MovieLens ratings where the database has 11: .* --replace --force$/,
        );
        await expect(getDatabaseCounts(current().db)).resolves.toEqual({
          ...TINY_COUNTS,
          ratings: TINY_COUNTS.ratings + 3,
          visitors: 1,
        });
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });

    it('with --force, archives the visitor ratings and movie marks of movies that go; the site sees only the catalogue', async () => {
      const dir = keepMovies([1, 2]);
      try {
        await expect(
          importMovieLens(current().connection, { dir, replace: true, force: true }),
        ).resolves.toMatchObject({
          action: 'replaced',
          counts: { movies: 2 },
        });
        expect(await visitorRows()).toEqual({ ratings: [{ movie_id: 1, rating: 5 }], marks: [] });
        const archived = await current()
          .db.selectFrom('archived_ratings')
          .select(['movie_id', 'rating'])
          .orderBy('movie_id')
          .execute();
        expect(archived).toEqual([
          { movie_id: 11, rating: 2.5 },
          { movie_id: 29, rating: 4 },
        ]);
        const marks = await current()
          .db.selectFrom('archived_movie_marks')
          .select(['mark', 'movie_id'])
          .orderBy('mark')
          .execute();
        expect(marks).toEqual([
          { mark: 'hidden', movie_id: 40697 },
          { mark: 'watchlist', movie_id: 40697 },
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });

    it('restores them when the movies come back', async () => {
      await expect(
        importMovieLens(current().connection, { dir: TINY_DIR, replace: true }),
      ).resolves.toMatchObject({ action: 'replaced' });
      expect(await visitorRows()).toEqual({
        ratings: [
          { movie_id: 1, rating: 5 },
          { movie_id: 11, rating: 2.5 },
          { movie_id: 29, rating: 4 },
        ],
        marks: ['hidden 40697', 'watchlist 40697'],
      });
      await expect(current().db.selectFrom('archived_ratings').selectAll().execute()).resolves.toEqual([]);
      await expect(current().db.selectFrom('archived_movie_marks').selectAll().execute()).resolves.toEqual(
        [],
      );
    });
  },
);

// PGlite always runs as a superuser, where the import skips the foreign-key triggers; a PostgreSQL role that is not
// one (a usual deployment) has them checked, and the import must then add each batch's users before their rows.
const postgresUrl = process.env.TEST_DATABASE_URL;
(postgresUrl ? describe : describe.skip)(
  'importMovieLens as a PostgreSQL role that is not a superuser',
  () => {
    const suffix = `${process.pid}_${Date.now() % 100000}`;
    const role = `import_role_${suffix}`;
    const schema = `import_schema_${suffix}`;
    let admin: pg.Client;
    beforeAll(async () => {
      admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER`);
      await admin.query(`GRANT CREATE ON DATABASE ${new URL(postgresUrl!).pathname.slice(1)} TO ${role}`);
      await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
    });
    afterAll(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP OWNED BY ${role}`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    });

    it('imports with the foreign keys checked, users before their ratings and tags', async () => {
      const url = new URL(postgresUrl!);
      url.username = role;
      url.password = '';
      const connection = await connectDatabase({
        databaseUrl: url.toString(),
        poolConfig: { options: `-c search_path=${schema}`, max: 2 },
      });
      try {
        const [check] = (
          await sql<{ superuser: string }>`SELECT current_setting('is_superuser') AS superuser`.execute(
            connection.db,
          )
        ).rows;
        expect(check?.superuser).toBe('off');
        await expect(importMovieLens(connection, { dir: TINY_DIR })).resolves.toMatchObject({
          action: 'imported',
          counts: TINY_COUNTS,
        });
        await expect(getDatabaseCounts(connection.db)).resolves.toEqual({ ...TINY_COUNTS, visitors: 0 });
        // A rating of an unknown user cannot slip in past the checks: the foreign key is really enforced here.
        await expect(
          sql`INSERT INTO ratings (user_id, movie_id, rating) VALUES (999, 1, 4)`.execute(connection.db),
        ).rejects.toThrow(/foreign key/);
      } finally {
        await connection.close();
      }
    });
  },
);
