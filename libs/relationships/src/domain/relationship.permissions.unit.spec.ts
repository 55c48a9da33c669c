import type { RelationshipCommand } from './relationship.commands';
import type { RelationshipEvent } from './relationship.events';
import { decide } from './relationship.decider';
import { RecorderNotAllowedError } from './relationship.errors';
import {
  CLIENT,
  SUPPLIER,
  asPartner,
  asParty,
  concludeLegalAction,
  disputeRaised,
  endEngagement,
  engagementStarted,
  given,
  legalActionTaken,
  raiseDispute,
  recordDelivery,
  recordInvoicePaid,
  recordLegalAction,
  recordPriorityService,
  recordReferral,
  resolveDispute,
  revealFeedback,
  submitFeedback,
} from '../../test/relationship.given';

type Row = [title: string, command: RelationshipCommand];
const inAnOpenEngagementWithADispute: RelationshipEvent[] = [
  engagementStarted(),
  disputeRaised({ raisedBy: CLIENT }),
  legalActionTaken({ takenBy: SUPPLIER }),
];

describe('who may record what (the table in relationship.decider.ts)', () => {
  describe('in an open engagement where the client raised a dispute and the supplier took legal action', () => {
    const allowed: Row[] = [
      ['the supplier, as payee, reports an invoice paid', recordInvoicePaid({}, asParty(SUPPLIER))],
      ['a partner acting for the client reports an invoice paid', recordInvoicePaid({}, asPartner(CLIENT))],
      ['the client, as recipient, reports a delivery', recordDelivery({}, asParty(CLIENT))],
      ['a partner acting for the supplier reports a delivery', recordDelivery({}, asPartner(SUPPLIER))],
      ['the client, as beneficiary, reports priority service', recordPriorityService({}, asParty(CLIENT))],
      ['a partner acting for the supplier reports priority service', recordPriorityService({}, asPartner(SUPPLIER))],
      ['the supplier reports a referral the client gave it', recordReferral({ referrerId: CLIENT }, asParty(SUPPLIER))],
      ['a partner acting for the client reports the client’s referral', recordReferral({ referrerId: CLIENT }, asPartner(CLIENT))],
      ['the client ends the engagement in its own name', endEngagement({ endedBy: CLIENT, amicable: false }, asParty(CLIENT))],
      ['the supplier ends the engagement in its own name', endEngagement({ endedBy: SUPPLIER, amicable: false }, asParty(SUPPLIER))],
      ['the supplier raises a dispute in its own name', raiseDispute({ disputeId: 'd2', raisedBy: SUPPLIER }, asParty(SUPPLIER))],
      ['the raiser concedes its dispute was rejected', resolveDispute({ outcome: 'rejected' }, asParty(CLIENT))],
      ['the raiser withdraws its dispute', resolveDispute({ outcome: 'withdrawn' }, asParty(CLIENT))],
      ['the other side concedes the dispute was upheld', resolveDispute({ outcome: 'upheld' }, asParty(SUPPLIER))],
      ['either side records a settlement', resolveDispute({ outcome: 'settled' }, asParty(SUPPLIER))],
      ['a partner acting for the raiser records the dispute upheld', resolveDispute({ outcome: 'upheld' }, asPartner(CLIENT))],
      ['the target of legal action reports it', recordLegalAction({ legalActionId: 'l2', takenBy: SUPPLIER }, asParty(CLIENT))],
      ['the taker of legal action reports it', recordLegalAction({ legalActionId: 'l2', takenBy: SUPPLIER }, asParty(SUPPLIER))],
      ['the taker concedes it lost', concludeLegalAction({ outcome: 'lost' }, asParty(SUPPLIER))],
      ['the target concedes the taker won', concludeLegalAction({ outcome: 'won' }, asParty(CLIENT))],
      ['a partner acting for the taker records that it won', concludeLegalAction({ outcome: 'won' }, asPartner(SUPPLIER))],
      ['the client gives feedback in its own name', submitFeedback({ by: CLIENT, about: SUPPLIER }, asParty(CLIENT))],
      ['a partner acting for the supplier gives the supplier’s feedback', submitFeedback({ feedbackId: 'fb-s', by: SUPPLIER, about: CLIENT }, asPartner(SUPPLIER))],
    ];

    it.each(allowed)('lets %s', (_title, command) => {
      const { state } = given(...inAnOpenEngagementWithADispute);
      expect(decide(command, state).length).toBeGreaterThan(0);
    });

    const refused: Row[] = [
      ['the client, as payer, alone reporting its own invoice paid', recordInvoicePaid({}, asParty(CLIENT))],
      ['the supplier alone reporting its own delivery', recordDelivery({}, asParty(SUPPLIER))],
      ['the supplier alone reporting its own priority service', recordPriorityService({}, asParty(SUPPLIER))],
      ['the referrer alone reporting its own referral', recordReferral({ referrerId: CLIENT }, asParty(CLIENT))],
      ['a party ending the engagement in the other party’s name', endEngagement({ endedBy: SUPPLIER, amicable: false }, asParty(CLIENT))],
      ['a partner ending the engagement in the name of the party it does not act for', endEngagement({ endedBy: SUPPLIER, amicable: false }, asPartner(CLIENT))],
      ['a party raising a dispute in the other party’s name', raiseDispute({ disputeId: 'd2', raisedBy: SUPPLIER }, asParty(CLIENT))],
      ['the raiser alone declaring its dispute upheld', resolveDispute({ outcome: 'upheld' }, asParty(CLIENT))],
      ['the other side alone declaring the dispute rejected', resolveDispute({ outcome: 'rejected' }, asParty(SUPPLIER))],
      ['the other side alone declaring the dispute withdrawn', resolveDispute({ outcome: 'withdrawn' }, asParty(SUPPLIER))],
      ['the taker alone declaring its legal action won', concludeLegalAction({ outcome: 'won' }, asParty(SUPPLIER))],
      ['the target alone declaring the legal action lost', concludeLegalAction({ outcome: 'lost' }, asParty(CLIENT))],
      ['a party giving feedback in the other party’s name', submitFeedback({ by: SUPPLIER, about: CLIENT }, asParty(CLIENT))],
      ['a party revealing feedback, which only the reveal job does', revealFeedback({}, asParty(SUPPLIER))],
      ['a partner revealing feedback, which only the reveal job does', revealFeedback({}, asPartner(CLIENT))],
    ];

    it.each(refused)('refuses %s', (_title, command) => {
      given(...inAnOpenEngagementWithADispute).when(command).then(RecorderNotAllowedError);
    });
  });
});
