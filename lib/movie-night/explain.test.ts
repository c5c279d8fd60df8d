import { groupPickText } from './explain';

const NAMES = ['Ann', 'Bob', 'Cy'];

describe('why a movie is the group’s pick', () => {
  it('names the floor and the keenest person', () => {
    const pick = { movieId: 1, score: 3.5, mean: 4.0333, min: 3.5, max: 4.6, keenest: 0, leastKeen: 1 };
    expect(groupPickText(pick, NAMES, 'least-misery')).toBe('everyone 3.5★ or more; the keenest 4.6★ (Ann)');
    expect(groupPickText(pick, NAMES, 'average')).toBe(
      '4★ on average: everyone 3.5★ or more; the keenest 4.6★ (Ann)',
    );
  });

  it('never rounds the floor up', () => {
    const pick = { movieId: 1, score: 3.49, mean: 4, min: 3.49, max: 4.5, keenest: 2, leastKeen: 0 };
    expect(groupPickText(pick, NAMES, 'least-misery')).toBe('everyone 3.4★ or more; the keenest 4.5★ (Cy)');
  });

  it('says so when everyone agrees', () => {
    const pick = { movieId: 1, score: 4, mean: 4, min: 4, max: 4, keenest: 0, leastKeen: 0 };
    expect(groupPickText(pick, NAMES, 'average')).toBe('everyone 4★');
  });
});
