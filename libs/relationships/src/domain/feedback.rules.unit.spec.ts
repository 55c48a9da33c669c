import {
  CLIENT,
  NOW,
  SUPPLIER,
  asParty,
  engagementEnded,
  engagementStarted,
  feedbackRevealed,
  feedbackSubmitted,
  given,
  revealFeedback,
  submitFeedback,
} from '../../test/relationship.given';
import { EngagementNotFoundError, FeedbackAlreadySubmittedError, PartyNotInRelationshipError } from './relationship.errors';

const supplierSubmits = (overrides = {}) =>
  submitFeedback({ feedbackId: 'fb-supplier', by: SUPPLIER, about: CLIENT, ...overrides }, asParty(SUPPLIER));
const supplierFeedback = (overrides = {}) =>
  feedbackSubmitted({ feedbackId: 'fb-supplier', by: SUPPLIER, about: CLIENT, ...overrides });
const DAY = 24 * 60 * 60 * 1000;
const daysAfter = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString();

describe('feedback', () => {
  describe('with no engagement', () => {
    it('refuses feedback on an engagement this relationship does not have', () => {
      given().when(submitFeedback()).then(EngagementNotFoundError);
    });
  });

  describe('with an engagement started and no feedback', () => {
    it('records feedback, hidden, on an engagement still under way', () => {
      given(engagementStarted()).when(submitFeedback()).then([feedbackSubmitted()]);
    });

    it('records feedback on an ended engagement', () => {
      given(engagementStarted(), engagementEnded()).when(submitFeedback()).then([feedbackSubmitted()]);
    });

    it('refuses feedback about a party outside the relationship', () => {
      given(engagementStarted()).when(submitFeedback({ about: 'initech' })).then(PartyNotInRelationshipError);
    });

    it('reveals nothing when no feedback is hidden', () => {
      given(engagementStarted()).when(revealFeedback()).then([]);
    });
  });

  describe('with the client’s feedback submitted and hidden', () => {
    const facts = [engagementStarted(), feedbackSubmitted()];

    it('records nothing when the same feedback is submitted again', () => {
      given(...facts).when(submitFeedback()).then([]);
    });

    it('refuses the same feedback id with other ratings', () => {
      given(...facts).when(submitFeedback({ ratings: { quality: 1 } })).then(FeedbackAlreadySubmittedError);
    });

    it('refuses a second feedback in the same direction on the same engagement', () => {
      given(...facts).when(submitFeedback({ feedbackId: 'fb-client-2' })).then(FeedbackAlreadySubmittedError);
    });

    it('accepts the client’s feedback on another engagement', () => {
      given(...facts, engagementStarted({ engagementId: 'e2' }))
        .when(submitFeedback({ engagementId: 'e2', feedbackId: 'fb-client-e2' }))
        .then([feedbackSubmitted({ engagementId: 'e2', feedbackId: 'fb-client-e2' })]);
    });

    it('reveals both feedbacks as soon as the supplier submits for the same engagement', () => {
      given(...facts)
        .when(supplierSubmits())
        .then([supplierFeedback(), feedbackRevealed({ feedbackIds: ['fb-client', 'fb-supplier'] })]);
    });

    it('reveals nothing before the reveal window has passed', () => {
      given(...facts).when(revealFeedback({}, undefined, daysAfter(NOW, 13.9))).then([]);
    });

    it('reveals the feedback once the default window of 14 days has passed', () => {
      const later = daysAfter(NOW, 14);
      given(...facts)
        .when(revealFeedback({}, undefined, later))
        .then([feedbackRevealed({ reason: 'window_passed', revealedAt: later })]);
    });

    it('reveals the feedback after the window the rules set', () => {
      const later = daysAfter(NOW, 7);
      given(...facts)
        .when(revealFeedback({}, undefined, later), { revealWindowDays: 7 })
        .then([feedbackRevealed({ reason: 'window_passed', revealedAt: later })]);
    });
  });

  describe('with hidden feedback on two engagements', () => {
    it('reveals the due feedback once per engagement', () => {
      const later = daysAfter(NOW, 20);
      given(
        engagementStarted(),
        engagementStarted({ engagementId: 'e2' }),
        feedbackSubmitted(),
        supplierFeedback({ engagementId: 'e2' }),
      )
        .when(revealFeedback({}, undefined, later))
        .then([
          feedbackRevealed({ reason: 'window_passed', revealedAt: later }),
          feedbackRevealed({ engagementId: 'e2', feedbackIds: ['fb-supplier'], reason: 'window_passed', revealedAt: later }),
        ]);
    });
  });

  describe('with the client’s feedback revealed after its window', () => {
    const facts = [engagementStarted(), feedbackSubmitted(), feedbackRevealed({ reason: 'window_passed' })];

    it('reveals the supplier’s late feedback at once, the other being public already', () => {
      given(...facts)
        .when(supplierSubmits())
        .then([supplierFeedback(), feedbackRevealed({ feedbackIds: ['fb-supplier'] })]);
    });

    it('reveals nothing more when the reveal job runs again', () => {
      given(...facts).when(revealFeedback({}, undefined, daysAfter(NOW, 30))).then([]);
    });
  });

  describe('with both feedbacks revealed', () => {
    const facts = [
      engagementStarted(),
      feedbackSubmitted(),
      supplierFeedback(),
      feedbackRevealed({ feedbackIds: ['fb-client', 'fb-supplier'] }),
    ];

    it('records nothing when the supplier submits the same feedback again', () => {
      given(...facts).when(supplierSubmits()).then([]);
    });
  });
});
