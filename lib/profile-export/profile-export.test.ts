import { CSV_HEADER, type ProfileExport } from './format';
import { MAX_PROFILE_FILE_BYTES, parseProfileFile, ProfileFileError } from './parse';
import { LETTERBOXD_HEADER, toLetterboxdCsv, toSiteCsv, toSiteJson } from './write';

const bytes = (text: string) => new TextEncoder().encode(text);

const movie = (
  movieId: number,
  title: string,
  year: number | null,
  imdbId: string | null,
  tmdbId: number | null,
) => ({
  movieId,
  title,
  year,
  imdbId,
  tmdbId,
});

// Titles chosen for CSV quoting (comma, quotes) and a movie with no links.
const PROFILE: ProfileExport = {
  exportedAt: new Date('2026-12-02T09:00:00.000Z'),
  ratings: [
    {
      ...movie(2571, 'Matrix, The (1999)', 1999, '0133093', 603),
      rating: 4.5,
      ratedAt: new Date('2026-12-01T10:00:00.123Z'),
    },
    {
      ...movie(10, 'Say "Hi", Untitled', null, null, null),
      rating: 0.5,
      ratedAt: new Date('2026-11-30T08:00:00.000Z'),
    },
  ],
  marks: [
    {
      ...movie(1, 'Toy Story (1995)', 1995, '0114709', 862),
      mark: 'watchlist',
      markedAt: new Date('2026-12-01T11:00:00.456Z'),
    },
    {
      ...movie(2, 'Jumanji (1995)', 1995, '0113497', null),
      mark: 'hidden',
      markedAt: new Date('2026-12-01T12:00:00.000Z'),
    },
    {
      ...movie(2, 'Jumanji (1995)', 1995, '0113497', null),
      mark: 'unseen',
      markedAt: new Date('2026-12-01T13:00:00.000Z'),
    },
  ],
};

const EXPECTED = {
  ratings: PROFILE.ratings.map(({ movieId, rating, ratedAt }) => ({ movieId, rating, ratedAt })),
  marks: PROFILE.marks.map(({ movieId, mark, markedAt }) => ({ movieId, mark, markedAt })),
};

describe('the site export', () => {
  it('writes one CSV row per rating and mark, quoting only where needed', () => {
    expect(toSiteCsv(PROFILE).split('\r\n')).toEqual([
      CSV_HEADER,
      'rating,2571,0133093,603,"Matrix, The (1999)",4.5,2026-12-01T10:00:00.123Z,',
      'rating,10,,,"Say ""Hi"", Untitled",0.5,2026-11-30T08:00:00.000Z,',
      'watchlist,1,0114709,862,Toy Story (1995),,,2026-12-01T11:00:00.456Z',
      'hidden,2,0113497,,Jumanji (1995),,,2026-12-01T12:00:00.000Z',
      'unseen,2,0113497,,Jumanji (1995),,,2026-12-01T13:00:00.000Z',
      '',
    ]);
  });

  it.each([
    ['CSV', toSiteCsv],
    ['JSON', toSiteJson],
  ])('reads its own %s back exactly', (_name, write) => {
    expect(parseProfileFile(bytes(write(PROFILE)))).toMatchObject(EXPECTED);
  });

  it('reads a CSV with a byte-order mark and without a final line break', () => {
    const csv = toSiteCsv(PROFILE).trimEnd();
    expect(parseProfileFile(bytes(`\uFEFF${csv}`))).toMatchObject(EXPECTED);
  });

  it('writes JSON with the format name, the lists by mark and ISO times', () => {
    const body = JSON.parse(toSiteJson(PROFILE));
    expect(body).toMatchObject({
      format: 'movielens-recommender-profile',
      version: 1,
      exportedAt: '2026-12-02T09:00:00.000Z',
      watchlist: [
        {
          movieId: 1,
          imdbId: '0114709',
          tmdbId: 862,
          title: 'Toy Story (1995)',
          markedAt: '2026-12-01T11:00:00.456Z',
        },
      ],
      hidden: [{ movieId: 2 }],
      unseen: [{ movieId: 2 }],
    });
    expect(body.ratings[0]).toEqual({
      movieId: 2571,
      imdbId: '0133093',
      tmdbId: 603,
      title: 'Matrix, The (1999)',
      rating: 4.5,
      ratedAt: '2026-12-01T10:00:00.123Z',
    });
  });

  it('writes Letterboxd’s import columns: title with its article in front, year, 0.5–5 rating, day, ids', () => {
    expect(toLetterboxdCsv(PROFILE).split('\r\n')).toEqual([
      LETTERBOXD_HEADER,
      'The Matrix,1999,4.5,2026-12-01,tt0133093,603',
      '"Say ""Hi"", Untitled",,0.5,2026-11-30,,',
      '',
    ]);
  });
});

describe('a file that is not a good export', () => {
  const refuse = (content: string | Uint8Array) =>
    expect(() => parseProfileFile(typeof content === 'string' ? bytes(content) : content));

  it.each([
    ['an empty file', '', /empty/],
    [
      'a MovieLens.org export',
      'movie_id,imdb_id,tmdb_id,rating,average_rating,title\n1,0114709,862,4,3.9,Toy Story\n',
      /not an export from this site/,
    ],
    ['someone else’s JSON', '{"ratings": []}', /not an export from this site/],
    ['malformed JSON', '{"format": "movielens-recommender-profile", ', /JSON is malformed/],
    ['a later version', '{"format": "movielens-recommender-profile", "version": 2}', /version 2.*version 1/],
    [
      'an off-scale rating',
      `${CSV_HEADER}\nrating,1,,,Toy Story,4.25,2026-12-01T10:00:00.000Z,\n`,
      /Line 2: the rating must be 0.5 to 5/,
    ],
    ['a bad time', `${CSV_HEADER}\nrating,1,,,Toy Story,4,yesterday,\n`, /Line 2: ratedAt must be a time/],
    [
      'an unknown kind',
      `${CSV_HEADER}\nfavourite,1,,,Toy Story,,,2026-12-01T10:00:00.000Z\n`,
      /Line 2: kind must be/,
    ],
    ['a bad movie id', `${CSV_HEADER}\nhidden,-3,,,X,,,2026-12-01T10:00:00.000Z\n`, /Line 2: movieId/],
    [
      'a movie id past what the database holds',
      '{"format": "movielens-recommender-profile", "version": 1, "ratings": [{"movieId": 3000000000, "rating": 4, "ratedAt": "2026-12-01T10:00:00.000Z"}]}',
      /movieId must be a positive whole number/,
    ],
    [
      'a movie rated twice',
      `${CSV_HEADER}\nrating,1,,,A,4,2026-12-01T10:00:00.000Z,\nrating,1,,,A,3,2026-12-01T10:00:00.000Z,\n`,
      /Line 3: movie 1 is rated twice/,
    ],
    ['a short row', `${CSV_HEADER}\nrating,1,,,A,4\n`, /CSV is malformed/],
    [
      'ratings that are not a list',
      '{"format": "movielens-recommender-profile", "version": 1, "ratings": {}}',
      /"ratings" must be a list/,
    ],
  ])('refuses %s with one clear line', (_name, content, message) => {
    refuse(content).toThrow(message);
    refuse(content).toThrow(ProfileFileError);
  });

  it('refuses a file that is not UTF-8, and one over the stated limit', () => {
    refuse(new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0xff, 0xfe, 0x0a])).toThrow(/not UTF-8/);
    const big = `${CSV_HEADER}\n${'x'.repeat(MAX_PROFILE_FILE_BYTES)}`;
    refuse(big).toThrow('The file is too large: the limit is 900 KB.');
  });
});
