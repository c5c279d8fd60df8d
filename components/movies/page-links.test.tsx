/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { PageLinks, pageWindow } from './page-links';

describe('pageWindow', () => {
  it('shows the first, the last and two pages either side, with gaps', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(10, 196)).toEqual([1, null, 8, 9, 10, 11, 12, null, 196]);
    expect(pageWindow(196, 196)).toEqual([1, null, 194, 195, 196]);
    expect(pageWindow(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('PageLinks', () => {
  const href = (page: number) => `/profile?page=${page}`;

  it('renders nothing for a single page', () => {
    const { container } = render(<PageLinks page={1} pageCount={1} href={href} label="Pages" />);
    expect(container).toBeEmptyDOMElement();
  });

  it('links the neighbouring pages and marks the current one', () => {
    render(<PageLinks page={3} pageCount={9} href={href} label="Pages of your ratings" />);
    const nav = screen.getByRole('navigation', { name: 'Pages of your ratings' });
    expect(nav).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Previous' })).toHaveAttribute('href', '/profile?page=2');
    expect(screen.getByRole('link', { name: 'Next' })).toHaveAttribute('href', '/profile?page=4');
    expect(screen.getByRole('link', { name: 'Page 3' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Page 9' })).toHaveAttribute('href', '/profile?page=9');
    expect(screen.queryByRole('link', { name: 'Page 7' })).toBeNull();
  });

  it('offers no previous link on the first page and no next link on the last', () => {
    const { rerender } = render(<PageLinks page={1} pageCount={2} href={href} label="Pages" />);
    expect(screen.queryByRole('link', { name: 'Previous' })).toBeNull();
    rerender(<PageLinks page={2} pageCount={2} href={href} label="Pages" />);
    expect(screen.queryByRole('link', { name: 'Next' })).toBeNull();
  });
});
