/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HeatMap } from './heat-map';
import { similarityColor } from './heat-map-scale';

const props = {
  labels: ['You', 'User 7', 'User 42'],
  ids: [null, 7, 42],
  similarity: [
    [1, 0.8, -0.5],
    [0.8, 1, 0.1],
    [-0.5, 0.1, 1],
  ],
  shared: [
    [5, 4, 2],
    [4, 120, 30],
    [2, 30, 88],
  ],
  width: 600,
};

describe('HeatMap', () => {
  it('draws one square cell per pair, coloured by similarity', () => {
    render(<HeatMap {...props} />);
    const cells = screen.getAllByTestId('heat-map-cell');
    expect(cells).toHaveLength(9);
    const cell = cells.find((c) => c.getAttribute('data-row') === '0' && c.getAttribute('data-col') === '2');
    expect(cell).toHaveAttribute('fill', similarityColor(-0.5));
    expect(Number(cell?.getAttribute('width'))).toBeCloseTo(Number(cell?.getAttribute('height')));
    expect(screen.getByRole('figure', { name: 'Similarity heat map of 3 users' })).toBeInTheDocument();
    expect(screen.getByText('+1 same taste')).toBeInTheDocument();
  });

  it('shows both users, their similarity and shared movies on hover', async () => {
    render(<HeatMap {...props} />);
    const cell = screen
      .getAllByTestId('heat-map-cell')
      .find((c) => c.getAttribute('data-row') === '1' && c.getAttribute('data-col') === '2');
    fireEvent.mouseEnter(cell?.parentElement as Element);
    const tooltip = await screen.findByTestId('heat-map-tooltip');
    expect(tooltip).toHaveTextContent('User 7 × User 42');
    expect(tooltip).toHaveTextContent('Similarity 0.10');
    expect(tooltip).toHaveTextContent('30 movies rated by both');
  });

  it('selects the MovieLens user of a clicked cell (the row user when the column is the visitor)', async () => {
    const onSelectUser = jest.fn();
    render(<HeatMap {...props} onSelectUser={onSelectUser} />);
    const cells = screen.getAllByTestId('heat-map-cell');
    fireEvent.click(
      cells.find((c) => c.getAttribute('data-row') === '0' && c.getAttribute('data-col') === '2')
        ?.parentElement as Element,
    );
    fireEvent.click(
      cells.find((c) => c.getAttribute('data-row') === '1' && c.getAttribute('data-col') === '0')
        ?.parentElement as Element,
    );
    await waitFor(() => expect(onSelectUser.mock.calls).toEqual([[42], [7]]));
  });
});

describe('similarityColor', () => {
  it('runs from blue through near-white to red', () => {
    expect(similarityColor(-1)).toBe('rgb(33, 102, 172)');
    expect(similarityColor(0)).toBe('rgb(247, 247, 247)');
    expect(similarityColor(1)).toBe('rgb(178, 24, 43)');
    expect(similarityColor(5)).toBe(similarityColor(1));
  });
});
