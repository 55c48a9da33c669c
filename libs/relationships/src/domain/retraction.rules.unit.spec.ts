import {
  CLIENT,
  SUPPLIER,
  asPartner,
  asParty,
  disputeRaised,
  endEngagement,
  engagementEnded,
  engagementStarted,
  eventId,
  factRetracted,
  feedbackRevealed,
  feedbackSubmitted,
  given,
  invoicePaid,
  legalActionConcluded,
  legalActionTaken,
  recordInvoicePaid,
  recordedBy,
  retractFact,
} from '../../test/relationship.given';
import {
  FactAlreadyRetractedError,
  FactHasDependentsError,
  FactNotFoundError,
  FactNotRetractableError,
  RecorderNotAllowedError,
} from './relationship.errors';

describe('retractions', () => {
  describe('with an invoice the supplier reported itself', () => {
    const fact = recordedBy(asParty(SUPPLIER), invoicePaid());

    it('retracts the invoice in the supplier’s name, with its reason', () => {
      given(fact).when(retractFact()).then([factRetracted()]);
    });

    it('lets a partner acting for the supplier retract it', () => {
      given(fact).when(retractFact({}, asPartner(SUPPLIER))).then([factRetracted()]);
    });

    it('refuses a retraction by the other party: only the recorder takes a fact back', () => {
      given(fact).when(retractFact({}, asParty(CLIENT))).then(RecorderNotAllowedError);
    });

    it('refuses to retract an event this relationship does not have', () => {
      given(fact).when(retractFact({ retractedEventId: eventId(9) })).then(FactNotFoundError);
    });
  });

  describe('with an invoice attested by a partner acting for the supplier', () => {
    const fact = recordedBy(asPartner(SUPPLIER, 'ledgerly'), invoicePaid());

    it('lets the same partner retract it', () => {
      given(fact).when(retractFact({}, asPartner(SUPPLIER, 'ledgerly'))).then([factRetracted()]);
    });

    it('refuses the supplier alone taking back an attested fact', () => {
      given(fact).when(retractFact({}, asParty(SUPPLIER))).then(RecorderNotAllowedError);
    });

    it('refuses another partner taking back an attested fact', () => {
      given(fact).when(retractFact({}, asPartner(SUPPLIER, 'bookwise'))).then(RecorderNotAllowedError);
    });
  });

  describe('with an invoice retracted', () => {
    const facts = [invoicePaid(), factRetracted()];

    it('records nothing when the same retraction is repeated', () => {
      given(...facts).when(retractFact()).then([]);
    });

    it('refuses a second retraction for another reason: a fact is retracted once', () => {
      given(...facts).when(retractFact({ reason: 'wrong amount' })).then(FactAlreadyRetractedError);
    });

    it('refuses to retract the retraction', () => {
      given(...facts).when(retractFact({ retractedEventId: eventId(2) })).then(FactNotRetractableError);
    });

    it('records the invoice anew under the same id, as if it had never been recorded', () => {
      given(...facts).when(recordInvoicePaid({ amount: 900 })).then([invoicePaid({ amount: 900 })]);
    });
  });

  describe('with feedback submitted and revealed', () => {
    const facts = [
      engagementStarted(),
      recordedBy(asParty(CLIENT), feedbackSubmitted()),
      recordedBy({ kind: 'system' }, feedbackRevealed()),
    ];

    it('refuses to retract feedback: withdrawing it would undo the double blind', () => {
      given(...facts).when(retractFact({ retractedEventId: eventId(2) }, asParty(CLIENT))).then(FactNotRetractableError);
    });

    it('refuses to retract a reveal', () => {
      given(...facts).when(retractFact({ retractedEventId: eventId(3) })).then(FactNotRetractableError);
    });

    it('refuses to retract an engagement that has feedback resting on it', () => {
      given(...facts).when(retractFact({ retractedEventId: eventId(1) })).then(FactHasDependentsError);
    });
  });

  describe('with an ended engagement', () => {
    const facts = [engagementStarted(), recordedBy(asParty(CLIENT), engagementEnded())];

    it('refuses to retract the start while the ending rests on it', () => {
      given(...facts).when(retractFact({ retractedEventId: eventId(1) })).then(FactHasDependentsError);
    });

    it('retracts the start once its ending is retracted', () => {
      given(...facts, recordedBy(asParty(CLIENT), factRetracted({ retractedEventId: eventId(2), retractedBy: CLIENT })))
        .when(retractFact({ retractedEventId: eventId(1) }))
        .then([factRetracted({ retractedEventId: eventId(1) })]);
    });

    it('reopens the engagement when its ending is retracted', () => {
      given(...facts, recordedBy(asParty(CLIENT), factRetracted({ retractedEventId: eventId(2), retractedBy: CLIENT })))
        .when(endEngagement({ amicable: false }))
        .then([engagementEnded({ amicable: false })]);
    });
  });

  describe('with an open dispute', () => {
    it('refuses to retract the dispute while legal action refers to it', () => {
      given(disputeRaised(), legalActionTaken({ disputeId: 'd1' }))
        .when(retractFact({ retractedEventId: eventId(1) }))
        .then(FactHasDependentsError);
    });

    it('no longer counts a retracted dispute against an amicable ending', () => {
      given(engagementStarted(), disputeRaised(), factRetracted({ retractedEventId: eventId(2) }))
        .when(endEngagement())
        .then([engagementEnded()]);
    });
  });

  describe('with concluded legal action', () => {
    it('refuses to retract the action while its conclusion rests on it', () => {
      given(legalActionTaken(), legalActionConcluded())
        .when(retractFact({ retractedEventId: eventId(1) }))
        .then(FactHasDependentsError);
    });
  });
});
