/** @jest-environment jsdom */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rateMovie, removeRating } from '@/lib/actions/ratings';
import { RatingControl } from './rating-control';

jest.mock('@/lib/actions/ratings', () => ({ rateMovie: jest.fn(), removeRating: jest.fn() }));

const rateMock = jest.mocked(rateMovie);
const removeMock = jest.mocked(removeRating);

function sent(call: [unknown, FormData] | undefined): Record<string, FormDataEntryValue> {
  return Object.fromEntries(call?.[1] ?? new FormData());
}

beforeEach(() => {
  rateMock.mockReset().mockImplementation(async (_previous, form) => ({
    status: 'saved',
    message: 'Saved.',
    rating: Number(form.get('rating')),
  }));
  removeMock.mockReset().mockResolvedValue({ status: 'saved', message: 'Rating removed.', rating: null });
});

const checked = () => screen.queryByRole('radio', { checked: true })?.getAttribute('aria-label') ?? null;

describe('RatingControl', () => {
  it('offers ten half-star choices labelled with the title', () => {
    render(<RatingControl movieId={1} title="Toy Story (1995)" initialRating={null} />);
    expect(screen.getByRole('radiogroup', { name: 'Your rating for Toy Story' })).toBeInTheDocument();
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(10);
    expect(radios[0]).toHaveAccessibleName('Rate Toy Story 0.5 stars');
    expect(radios[1]).toHaveAccessibleName('Rate Toy Story 1 star');
    expect(radios[9]).toHaveAccessibleName('Rate Toy Story 5 stars');
    expect(checked()).toBeNull();
  });

  it('shows the current rating and makes it the one tab stop', () => {
    render(<RatingControl movieId={2571} title="Matrix, The (1999)" initialRating={3.5} />);
    expect(checked()).toBe('Rate The Matrix 3.5 stars');
    expect(screen.getByRole('radio', { name: 'Rate The Matrix 3.5 stars' })).toHaveAttribute('tabindex', '0');
    expect(
      screen.getAllByRole('radio').filter((radio) => radio.getAttribute('tabindex') === '0'),
    ).toHaveLength(1);
  });

  it('saves a half-star rating chosen with the mouse, showing saving then saved', async () => {
    let finish: () => void = () => undefined;
    rateMock.mockImplementationOnce(
      (_previous, form) =>
        new Promise((resolve) => {
          finish = () => resolve({ status: 'saved', message: 'Saved.', rating: Number(form.get('rating')) });
        }),
    );
    const user = userEvent.setup();
    render(<RatingControl movieId={1} title="Toy Story (1995)" initialRating={null} />);
    await user.click(screen.getByRole('radio', { name: 'Rate Toy Story 4.5 stars' }));
    expect(checked()).toBe('Rate Toy Story 4.5 stars'); // shown at once
    expect(await screen.findByText('Saving…')).toBeInTheDocument();
    expect(sent(rateMock.mock.calls[0])).toEqual({ movieId: '1', rating: '4.5' });
    await act(async () => finish());
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(checked()).toBe('Rate Toy Story 4.5 stars');
  });

  it('previews the hovered value without saving it', async () => {
    const user = userEvent.setup();
    const { container } = render(<RatingControl movieId={1} title="Toy Story (1995)" initialRating={1} />);
    await user.hover(screen.getByRole('radio', { name: 'Rate Toy Story 3 stars' }));
    expect(container.querySelectorAll('.rating-half.is-on')).toHaveLength(6);
    await user.unhover(screen.getByRole('radiogroup'));
    expect(container.querySelectorAll('.rating-half.is-on')).toHaveLength(2);
    expect(rateMock).not.toHaveBeenCalled();
  });

  it('moves by half stars with the arrow keys and jumps with Home and End, saving each choice', async () => {
    const user = userEvent.setup();
    render(<RatingControl movieId={1} title="Toy Story (1995)" initialRating={3} />);
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Rate Toy Story 3 stars' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(checked()).toBe('Rate Toy Story 3.5 stars'));
    expect(screen.getByRole('radio', { name: 'Rate Toy Story 3.5 stars' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    await waitFor(() => expect(checked()).toBe('Rate Toy Story 2.5 stars'));
    await user.keyboard('{End}');
    await waitFor(() => expect(checked()).toBe('Rate Toy Story 5 stars'));
    await user.keyboard('{ArrowRight}'); // already at 5: nothing new to save
    await user.keyboard('{Home}');
    await waitFor(() => expect(checked()).toBe('Rate Toy Story 0.5 stars'));
    await screen.findByText('Saved');
    expect(rateMock.mock.calls.map((call) => sent(call).rating)).toEqual(['3.5', '3', '2.5', '5', '0.5']);
  });

  it('clears the rating with Delete and with the clear button', async () => {
    const user = userEvent.setup();
    render(<RatingControl movieId={7} title="Heat (1995)" initialRating={4} />);
    await user.tab();
    await user.keyboard('{Delete}');
    await waitFor(() => expect(checked()).toBeNull());
    expect(await screen.findByText('Rating removed')).toBeInTheDocument();
    expect(sent(removeMock.mock.calls[0])).toEqual({ movieId: '7' });

    await user.click(screen.getByRole('radio', { name: 'Rate Heat 2 stars' }));
    await user.click(await screen.findByRole('button', { name: 'Clear your rating for Heat' }));
    await waitFor(() => expect(checked()).toBeNull());
    expect(removeMock).toHaveBeenCalledTimes(2);
  });

  it('falls back to the stored rating and says so when saving fails', async () => {
    rateMock.mockResolvedValueOnce({
      status: 'error',
      message: 'Not saved: we could not reach the database.',
    });
    const user = userEvent.setup();
    render(<RatingControl movieId={1} title="Toy Story (1995)" initialRating={2} />);
    await user.click(screen.getByRole('radio', { name: 'Rate Toy Story 5 stars' }));
    expect(await screen.findByText('Not saved: we could not reach the database.')).toBeInTheDocument();
    expect(checked()).toBe('Rate Toy Story 2 stars');
  });
});
