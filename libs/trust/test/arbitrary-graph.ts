import fc from 'fast-check';

/** Up to 80 weighted ratings among 15 parties, self-ratings and repeats included. */
export const arbitraryGraph = fc.array(
  fc.record({
    rater: fc.integer({ min: 0, max: 14 }).map((i) => `p${i}`),
    ratee: fc.integer({ min: 0, max: 14 }).map((i) => `p${i}`),
    value: fc.double({ min: -1, max: 1, noNaN: true }),
    weight: fc.double({ min: 0.05, max: 3, noNaN: true }),
    at: fc.constant(0),
  }),
  { maxLength: 80 },
);
