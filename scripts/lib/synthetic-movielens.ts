/**
 * Writes synthetic ratings (scripts/gen-synthetic.ts) as a MovieLens folder in the ml-latest layout: movies.csv
 * (some titles quoted, with commas), links.csv, ratings.csv sorted by user then movie as released, and tags.csv
 * (one tag per 16 ratings, the ratio of ml-32m: 2M tags for 32M ratings). Seeded: the same options give the same
 * bytes. For import benchmarks at scale; the folders are git-ignored (.tmp/) and never committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RatingColumns } from '../../lib/recsys/matrix';
import { mulberry32 } from '../../lib/recsys/random';

const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Horror',
  'Romance',
  'Sci-Fi',
  'Thriller',
];
const TAGS = [
  'atmospheric',
  'twist ending',
  'based on a book',
  'dark comedy',
  'visually appealing',
  'funny',
  'classic',
  'quirky, odd',
  '"so bad it\'s good"',
];

/** Buffered line writer: one write per ~1 MB, so memory stays flat for 32M lines. */
function lineWriter(file: string): { line(text: string): void; close(): void } {
  const fd = fs.openSync(file, 'w');
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    fs.writeSync(fd, parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    line(text) {
      parts.push(text, '\n');
      size += text.length + 1;
      if (size > 1 << 20) flush();
    },
    close() {
      flush();
      fs.closeSync(fd);
    },
  };
}

const quoteCsv = (text: string) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function writeMovieLensFolder(
  dir: string,
  data: RatingColumns,
  options: { movies: number; seed: number },
): { ratings: number; tags: number } {
  const rng = mulberry32(options.seed + 1);
  fs.mkdirSync(dir, { recursive: true });
  const movies = lineWriter(path.join(dir, 'movies.csv'));
  const links = lineWriter(path.join(dir, 'links.csv'));
  movies.line('movieId,title,genres');
  links.line('movieId,imdbId,tmdbId');
  for (let id = 1; id <= options.movies; id++) {
    const year = 1920 + (id % 100);
    const title = id % 10 === 0 ? `Movie ${id}, The (${year})` : `Movie ${id} (${year})`;
    const genres = GENRES.filter((_, g) => (id >> g) % 3 === 0).slice(0, 3);
    movies.line(`${id},${quoteCsv(title)},${genres.length ? genres.join('|') : '(no genres listed)'}`);
    links.line(`${id},${String(100000 + id).padStart(7, '0')},${id % 7 === 0 ? '' : 500000 + id}`);
  }
  movies.close();
  links.close();

  // Each user's ratings are one run of the arrays (gen-synthetic draws user by user); sorted by movie within it.
  const n = data.userIds.length;
  const ratings = lineWriter(path.join(dir, 'ratings.csv'));
  const tags = lineWriter(path.join(dir, 'tags.csv'));
  ratings.line('userId,movieId,rating,timestamp');
  tags.line('userId,movieId,tag,timestamp');
  let tagCount = 0;
  for (let start = 0; start < n;) {
    const user = data.userIds[start]!;
    let end = start;
    while (end < n && data.userIds[end] === user) end++;
    // movie * 16 + rating index (0.5..5 → 1..10): sorting the keys sorts by movie and carries the rating along.
    const keys = new Int32Array(end - start);
    for (let i = start; i < end; i++)
      keys[i - start] = data.movieIds[i]! * 16 + Math.round(data.ratings[i]! * 2);
    keys.sort();
    let time = 946_684_800 + Math.floor(rng() * 700_000_000);
    for (const key of keys) {
      const movie = key >> 4;
      const half = key & 15;
      time += 1 + Math.floor(rng() * 600);
      ratings.line(`${user},${movie},${half % 2 === 0 ? `${half / 2}.0` : `${(half - 1) / 2}.5`},${time}`);
      if (rng() < 1 / 16) {
        tags.line(`${user},${movie},${quoteCsv(TAGS[Math.floor(rng() * TAGS.length)]!)},${time}`);
        tagCount++;
      }
    }
    start = end;
  }
  ratings.close();
  tags.close();
  return { ratings: n, tags: tagCount };
}
