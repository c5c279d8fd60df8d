import fc from 'fast-check';
import { copyTimestamp } from './copy-text';

describe('copyTimestamp', () => {
  it('is the instant toISOString gives, for any second from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (seconds) => {
        expect(new Date(copyTimestamp(seconds)).getTime()).toBe(seconds * 1000);
        expect(copyTimestamp(seconds)).toBe(new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));
      }),
      { numRuns: 2000 },
    );
  });
});
