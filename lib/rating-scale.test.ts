import { clampRating, isRatingValue, RATING_SCALE_TEXT, RATING_VALUES, roundToScale } from './rating-scale';

describe('the rating scale', () => {
  it('has ten values from 0.5 to 5 in half steps', () => {
    expect(RATING_VALUES).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(RATING_SCALE_TEXT).toBe('0.5 to 5 in half steps');
  });

  it('accepts exactly those values', () => {
    for (const value of RATING_VALUES) expect(isRatingValue(value)).toBe(true);
    for (const value of [0, 0.25, 3.3, 5.5, -1, NaN, Infinity]) expect(isRatingValue(value)).toBe(false);
  });

  it('clamps and rounds predictions onto the scale', () => {
    expect([clampRating(7), clampRating(-2), clampRating(3.27)]).toEqual([5, 0.5, 3.27]);
    expect([roundToScale(3.27), roundToScale(3.26), roundToScale(0.1), roundToScale(9)]).toEqual([
      3.5, 3.5, 0.5, 5,
    ]);
  });
});
