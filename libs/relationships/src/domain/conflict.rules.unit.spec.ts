import {
  CLIENT,
  NOW,
  SUPPLIER,
  asParty,
  concludeLegalAction,
  disputeRaised,
  disputeResolved,
  given,
  legalActionConcluded,
  legalActionTaken,
  raiseDispute,
  recordLegalAction,
  resolveDispute,
} from '../../test/relationship.given';
import {
  DisputeAlreadyRaisedError,
  DisputeNotFoundError,
  DisputeNotOpenError,
  FactInTheFutureError,
  FactOutOfOrderError,
  LegalActionAlreadyConcludedError,
  LegalActionAlreadyRecordedError,
  LegalActionNotFoundError,
  PartyNotInRelationshipError,
} from './relationship.errors';

describe('disputes', () => {
  describe('with no dispute', () => {
    it('raises a dispute in the raiser’s name, now when no date is given', () => {
      given().when(raiseDispute({ raisedAt: undefined })).then([disputeRaised({ raisedAt: NOW })]);
    });

    it('refuses a dispute raised after now', () => {
      given().when(raiseDispute({ raisedAt: '2026-03-02T00:00:00Z' })).then(FactInTheFutureError);
    });

    it('refuses to resolve a dispute that was never raised', () => {
      given().when(resolveDispute()).then(DisputeNotFoundError);
    });
  });

  describe('with an open dispute', () => {
    it('records nothing when the same dispute is raised again with the same id and reason', () => {
      given(disputeRaised()).when(raiseDispute()).then([]);
    });

    it('refuses the same dispute id with another reason', () => {
      given(disputeRaised()).when(raiseDispute({ reason: 'rude emails' })).then(DisputeAlreadyRaisedError);
    });

    it('resolves the dispute while it is open', () => {
      given(disputeRaised()).when(resolveDispute()).then([disputeResolved()]);
    });

    it('refuses a resolution dated before the dispute was raised', () => {
      given(disputeRaised()).when(resolveDispute({ resolvedAt: '2026-01-09T00:00:00Z' })).then(FactOutOfOrderError);
    });
  });

  describe('with a resolved dispute', () => {
    const facts = [disputeRaised(), disputeResolved()];

    it('records nothing when the same resolution is recorded again', () => {
      given(...facts).when(resolveDispute()).then([]);
    });

    it('refuses another outcome: a dispute resolves only while open', () => {
      given(...facts).when(resolveDispute({ outcome: 'upheld' }, asParty(SUPPLIER))).then(DisputeNotOpenError);
    });
  });
});

describe('legal action', () => {
  describe('with no dispute', () => {
    it('records legal action taken in this relationship, without a dispute', () => {
      given().when(recordLegalAction()).then([legalActionTaken()]);
    });

    it('records legal action now when no date is given', () => {
      given().when(recordLegalAction({ takenAt: undefined })).then([legalActionTaken({ takenAt: NOW })]);
    });

    it('refuses legal action referring to a dispute this relationship does not have', () => {
      given().when(recordLegalAction({ disputeId: 'd9' })).then(DisputeNotFoundError);
    });

    it('refuses legal action taken by a party outside the relationship', () => {
      given().when(recordLegalAction({ takenBy: 'initech' })).then(PartyNotInRelationshipError);
    });

    it('refuses legal action taken after now', () => {
      given().when(recordLegalAction({ takenAt: '2026-03-02T00:00:00Z' })).then(FactInTheFutureError);
    });

    it('refuses to conclude legal action that was never taken', () => {
      given().when(concludeLegalAction()).then(LegalActionNotFoundError);
    });
  });

  describe('with a dispute, open or resolved', () => {
    it('records legal action that refers to the open dispute', () => {
      given(disputeRaised()).when(recordLegalAction({ disputeId: 'd1' })).then([legalActionTaken({ disputeId: 'd1' })]);
    });

    it('records legal action that refers to the resolved dispute', () => {
      given(disputeRaised(), disputeResolved())
        .when(recordLegalAction({ disputeId: 'd1', takenBy: CLIENT }, asParty(CLIENT)))
        .then([legalActionTaken({ disputeId: 'd1', takenBy: CLIENT })]);
    });
  });

  describe('with legal action taken', () => {
    it('records nothing when the same legal action is recorded again', () => {
      given(legalActionTaken()).when(recordLegalAction()).then([]);
    });

    it('refuses the same legal action id with other grounds', () => {
      given(legalActionTaken()).when(recordLegalAction({ grounds: 'non_payment' })).then(LegalActionAlreadyRecordedError);
    });

    it('concludes the legal action', () => {
      given(legalActionTaken()).when(concludeLegalAction()).then([legalActionConcluded()]);
    });

    it('refuses a conclusion dated before the action was taken', () => {
      given(legalActionTaken()).when(concludeLegalAction({ concludedAt: '2026-01-14T00:00:00Z' })).then(FactOutOfOrderError);
    });
  });

  describe('with legal action concluded', () => {
    const facts = [legalActionTaken(), legalActionConcluded()];

    it('records nothing when the same conclusion is recorded again', () => {
      given(...facts).when(concludeLegalAction()).then([]);
    });

    it('refuses a second, different conclusion: legal action concludes only once', () => {
      given(...facts).when(concludeLegalAction({ outcome: 'lost' }, asParty(SUPPLIER))).then(LegalActionAlreadyConcludedError);
    });
  });
});
