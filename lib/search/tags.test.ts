import { groupTags, tagKey } from './tags';

describe('tags', () => {
  it('groups spellings by their folded words', () => {
    expect(tagKey('Sci-Fi')).toBe('sci fi');
    expect(tagKey(' sci fi ')).toBe('sci fi');
    expect(tagKey('Tolkien')).toBe(tagKey('tolkien'));
    expect(tagKey('???')).toBe('???'); // no words: as typed, lower case
  });

  it('shows a group in its most used spelling and lists its movies, most tagged first', () => {
    expect(
      groupTags([
        { tag: 'Tolkien', movieId: 7153, uses: 1 },
        { tag: 'tolkien', movieId: 4993, uses: 1 },
        { tag: 'tolkien', movieId: 7153, uses: 1 },
        { tag: 'sci-fi', movieId: 1, uses: 3 },
      ]),
    ).toEqual([
      { key: 'sci fi', label: 'sci-fi', movies: [{ movieId: 1, uses: 3 }] },
      {
        key: 'tolkien',
        label: 'tolkien',
        movies: [
          { movieId: 7153, uses: 2 },
          { movieId: 4993, uses: 1 },
        ],
      },
    ]);
  });
});
