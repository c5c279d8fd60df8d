/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setWatchlist } from '@/lib/actions/movie-marks';
import { WatchlistButton } from './watchlist-button';

jest.mock('@/lib/actions/movie-marks', () => ({ setWatchlist: jest.fn() }));

const setMock = jest.mocked(setWatchlist);

beforeEach(() => {
  setMock.mockReset().mockImplementation(async (_previous, form) => ({
    status: 'saved',
    message: form.get('want') === 'on' ? 'Added to your watchlist.' : 'Taken off your watchlist.',
  }));
});

const button = () => screen.getByRole('button', { name: 'Want to watch The Matrix' });

describe('WatchlistButton', () => {
  it('is a toggle named after the movie, pressed when the movie is on the watchlist', () => {
    const { rerender } = render(
      <WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist={false} />,
    );
    expect(button()).toHaveAttribute('aria-pressed', 'false');
    rerender(<WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist />);
    expect(button()).toHaveAttribute('aria-pressed', 'true');
  });

  it('adds, then takes off, announcing each result', async () => {
    const user = userEvent.setup();
    render(<WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist={false} />);
    await user.click(button());
    expect(await screen.findByText('Added to your watchlist.')).toBeInTheDocument();
    expect(button()).toHaveAttribute('aria-pressed', 'true');
    expect(Object.fromEntries(setMock.mock.calls[0]?.[1] ?? [])).toEqual({ movieId: '2571', want: 'on' });

    await user.click(button());
    expect(await screen.findByText('Taken off your watchlist.')).toBeInTheDocument();
    expect(button()).toHaveAttribute('aria-pressed', 'false');
    expect(setMock.mock.calls[1]?.[1].get('want')).toBe('off');
  });

  it('stays as it was and says why when saving fails', async () => {
    setMock.mockResolvedValueOnce({
      status: 'error',
      message: 'Not saved: we could not reach the database.',
    });
    const user = userEvent.setup();
    render(<WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist={false} />);
    await user.click(button());
    expect(await screen.findByText(/^Not saved/)).toHaveClass('text-danger');
    expect(button()).toHaveAttribute('aria-pressed', 'false');
  });

  it('follows the page once it changes after a save: rating the movie took it off the watchlist', async () => {
    const user = userEvent.setup();
    const { rerender } = render(
      <WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist={false} />,
    );
    await user.click(button());
    await screen.findByText('Added to your watchlist.');
    rerender(<WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist />); // the revalidated page
    expect(button()).toHaveAttribute('aria-pressed', 'true');
    rerender(<WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist={false} />); // rated since
    expect(button()).toHaveAttribute('aria-pressed', 'false');
  });

  it('keeps the keyboard focus while saving', async () => {
    const user = userEvent.setup();
    render(<WatchlistButton movieId={2571} title="Matrix, The (1999)" onWatchlist={false} />);
    await user.click(button());
    expect(button()).toHaveFocus();
    await screen.findByText('Added to your watchlist.');
    expect(button()).toHaveFocus();
  });
});
