import { feedbackEdges } from '#libs/trust';
import { DAY_MS, History } from '../test/history';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('rating edges from recorded feedback', () => {
  it.each([
    [1, -1],
    [2, -0.5],
    [3, 0],
    [4, 0.5],
    [5, 1],
  ])('values %i stars on every dimension at %d', (stars, value) => {
    const history = new History();
    history.feedback('acme', 'globex', history.engage('acme', 'globex', T0), 'globex', stars, T0 + DAY_MS);
    expect(feedbackEdges(history.events, T0 + 2 * DAY_MS)).toEqual([{ rater: 'globex', ratee: 'acme', value, at: T0 + DAY_MS }]);
  });

  it('averages the dimensions the author rated', () => {
    const history = new History();
    const engagementId = history.engage('acme', 'globex', T0);
    history.record('FeedbackSubmitted', 'acme', 'globex', { engagementId, feedbackId: 'fb', by: 'acme', about: 'globex', ratings: { quality: 5, fairness: 2 }, submittedAt: iso(T0) });
    history.record('FeedbackRevealed', 'acme', 'globex', { engagementId, feedbackIds: ['fb'], reason: 'window_passed', revealedAt: iso(T0 + 14 * DAY_MS) });
    expect(feedbackEdges(history.events, T0 + 14 * DAY_MS).map((e) => e.value)).toEqual([0.25]);
  });

  it('leaves out feedback still hidden by the double-blind rule as of asOf, and counts it once revealed', () => {
    const history = new History();
    const engagementId = history.engage('acme', 'globex', T0);
    history.record('FeedbackSubmitted', 'acme', 'globex', { engagementId, feedbackId: 'fb', by: 'acme', about: 'globex', ratings: { quality: 4 }, submittedAt: iso(T0) });
    history.record('FeedbackRevealed', 'acme', 'globex', { engagementId, feedbackIds: ['fb'], reason: 'window_passed', revealedAt: iso(T0 + 14 * DAY_MS) });
    expect(feedbackEdges(history.events, T0 + 13 * DAY_MS)).toEqual([]);
    expect(feedbackEdges(history.events, T0 + 14 * DAY_MS)).toHaveLength(1);
  });
});
