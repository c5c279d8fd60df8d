import { pageWindow, parsePage, parseSearchText, RESULTS_PAGE_SIZE } from './query';

describe('the results URL', () => {
  it('reads the page number, falling back to the first page', () => {
    expect(parsePage('3')).toBe(3);
    expect(parsePage(['2', '5'])).toBe(2);
    for (const bad of [undefined, '', '0', '-1', '2.5', 'two', '1e9']) expect(parsePage(bad)).toBe(1);
  });

  it('reads the search text, with one message for text the search refuses', () => {
    expect(parseSearchText(' godfater ')).toEqual({ text: 'godfater' });
    expect(parseSearchText(undefined)).toBeNull();
    expect(parseSearchText('   ')).toBeNull();
    expect(parseSearchText('x'.repeat(101))).toEqual({ error: 'The search must be at most 100 characters.' });
    expect(parseSearchText('a\u0000b')).toEqual({ error: 'The search must not contain control characters.' });
  });

  it('shows the last page when asked past it', () => {
    expect(pageWindow(1, 0)).toEqual({ page: 1, pageCount: 1, offset: 0 });
    expect(pageWindow(2, RESULTS_PAGE_SIZE + 1)).toEqual({
      page: 2,
      pageCount: 2,
      offset: RESULTS_PAGE_SIZE,
    });
    expect(pageWindow(9, RESULTS_PAGE_SIZE * 3)).toEqual({
      page: 3,
      pageCount: 3,
      offset: RESULTS_PAGE_SIZE * 2,
    });
  });
});
