import {
  CLIENT,
  NOW,
  SUPPLIER,
  asParty,
  disputeRaised,
  disputeResolved,
  endEngagement,
  engagementEnded,
  engagementStarted,
  given,
  startEngagement,
} from '../../test/relationship.given';
import {
  AmicableEndingWithOpenDisputeError,
  EngagementAlreadyStartedError,
  EngagementNotFoundError,
  EngagementNotOpenError,
  FactInTheFutureError,
  FactOutOfOrderError,
} from './relationship.errors';

describe('engagements', () => {
  describe('with no engagement yet', () => {
    it('starts an engagement on the given payment terms', () => {
      given().when(startEngagement({ paymentTermsDays: 45 })).then([engagementStarted({ paymentTermsDays: 45 })]);
    });

    it('starts an engagement now when no start date is given', () => {
      given().when(startEngagement({ startedAt: undefined })).then([engagementStarted({ startedAt: NOW })]);
    });

    it('refuses an engagement that starts after now', () => {
      given().when(startEngagement({ startedAt: '2026-03-02T00:00:00Z' })).then(FactInTheFutureError);
    });

    it('refuses to end an engagement that never started', () => {
      given().when(endEngagement()).then(EngagementNotFoundError);
    });
  });

  describe('with an open engagement', () => {
    it('records nothing when the same engagement is started again on the same terms', () => {
      given(engagementStarted()).when(startEngagement()).then([]);
    });

    it('records nothing when the start is repeated without its date', () => {
      given(engagementStarted()).when(startEngagement({ startedAt: undefined })).then([]);
    });

    it('refuses the same engagement id on other payment terms', () => {
      given(engagementStarted()).when(startEngagement({ paymentTermsDays: 60 })).then(EngagementAlreadyStartedError);
    });

    it('starts a second engagement under another id', () => {
      given(engagementStarted())
        .when(startEngagement({ engagementId: 'e2' }))
        .then([engagementStarted({ engagementId: 'e2' })]);
    });

    it('ends the engagement, amicably and with a hand-over, when the ending party says so', () => {
      given(engagementStarted())
        .when(endEngagement({ endedBy: SUPPLIER, handoverArranged: true }, asParty(SUPPLIER)))
        .then([engagementEnded({ endedBy: SUPPLIER, handoverArranged: true })]);
    });

    it('ends the engagement now when no end date is given', () => {
      given(engagementStarted()).when(endEngagement({ endedAt: undefined })).then([engagementEnded({ endedAt: NOW })]);
    });

    it('refuses an ending dated before the start', () => {
      given(engagementStarted()).when(endEngagement({ endedAt: '2024-12-31T00:00:00Z' })).then(FactOutOfOrderError);
    });

    it('refuses an ending dated after now', () => {
      given(engagementStarted()).when(endEngagement({ endedAt: '2026-03-01T12:00:01Z' })).then(FactInTheFutureError);
    });
  });

  describe('with an open engagement and an open dispute', () => {
    const facts = [engagementStarted(), disputeRaised()];

    it('refuses an amicable ending: an ending with a fight is not amicable', () => {
      given(...facts).when(endEngagement({ amicable: true })).then(AmicableEndingWithOpenDisputeError);
    });

    it('accepts an ending that is not amicable', () => {
      given(...facts).when(endEngagement({ amicable: false })).then([engagementEnded({ amicable: false })]);
    });

    it('accepts an amicable ending once the dispute is resolved', () => {
      given(...facts, disputeResolved()).when(endEngagement({ amicable: true })).then([engagementEnded()]);
    });
  });

  describe('with an ended engagement', () => {
    const facts = [engagementStarted(), engagementEnded()];

    it('records nothing when the same ending is recorded again', () => {
      given(...facts).when(endEngagement()).then([]);
    });

    it('refuses a second, different ending', () => {
      given(...facts).when(endEngagement({ reason: 'too expensive' })).then(EngagementNotOpenError);
    });

    it('refuses a second ending by the other party', () => {
      given(...facts).when(endEngagement({ endedBy: SUPPLIER }, asParty(SUPPLIER))).then(EngagementNotOpenError);
    });

    it('still records nothing for a repeated start on the same terms', () => {
      given(...facts).when(startEngagement({}, asParty(CLIENT))).then([]);
    });
  });
});
