import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { seedTestMovies } from '@/lib/data/test-movies';
import { GET } from './route';

jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));

async function get(query: string): Promise<{ status: number; body: unknown }> {
  const response = await GET(new Request(`http://localhost/api/movies${query}`));
  return { status: response.status, body: await response.json() };
}

describeEachDatabase(
  'GET /api/movies',
  (current) => {
    beforeEach(() => jest.mocked(getDatabase).mockResolvedValue(current().connection));

    it('answers title matches with id, title, year, genres and rating count', async () => {
      expect(await get('?search=toy%20sto')).toEqual({
        status: 200,
        body: {
          items: [
            {
              id: 1,
              title: 'Toy Story (1995)',
              year: 1995,
              genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
              ratingCount: 4,
            },
            {
              id: 3114,
              title: 'Toy Story 2 (1999)',
              year: 1999,
              genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
              ratingCount: 1,
            },
          ],
          tags: [],
        },
      });
    });

    it('forgives (a typo, the article in front) and answers matching tags', async () => {
      expect((await get('?search=the%20matrx')).body).toMatchObject({ items: [{ id: 2571 }, { id: 6365 }] });
      expect((await get('?search=PIXAR')).body).toEqual({
        items: [],
        tags: [{ tag: 'pixar', movieCount: 1 }],
      });
    });

    it('honours limit and treats wildcards literally', async () => {
      expect((await get('?search=matrix&limit=1')).body).toMatchObject({ items: [{ id: 2571 }] });
      expect((await get('?search=%25')).body).toMatchObject({ items: [{ id: 7 }] });
    });

    it.each([
      ['', /^search/],
      ['?search=', /^search/],
      ['?search=%20%20', /^search/],
      [`?search=${'x'.repeat(101)}`, /^search/],
      ['?search=toy&limit=0', /^limit/],
      ['?search=toy&limit=51', /^limit/],
      ['?search=toy&limit=ten', /^limit/],
      ['?search=toy&limit=2.5', /^limit/],
    ])('answers 400 naming the field for %s', async (query, message) => {
      const { status, body } = await get(query);
      expect(status).toBe(400);
      expect((body as { error: string }).error).toMatch(message);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
