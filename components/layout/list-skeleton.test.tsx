/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import ProfileLoading from '@/app/profile/loading';
import WatchlistLoading from '@/app/watchlist/loading';

describe('the list pages while they load', () => {
  it.each([
    ['profile', ProfileLoading, 'Loading your ratings', 5],
    ['watchlist', WatchlistLoading, 'Loading your watchlist', 6],
  ])('%s: one labelled status with its placeholder rows', (_, Loading, label, rows) => {
    render(<Loading />);
    const status = screen.getByRole('status', { name: label });
    expect(status.querySelectorAll('li')).toHaveLength(rows);
  });
});
