import { assertNever, type Decider } from '#libs/shared-kernel';
import { concludeLegalAction, raiseDispute, recordLegalAction, resolveDispute } from './conflict.rules';
import { endEngagement, startEngagement } from './engagement.rules';
import { recordDelivery, recordInvoicePaid, recordPriorityService, recordReferral } from './evidence.rules';
import { revealDueFeedback, submitFeedback } from './feedback.rules';
import type { RelationshipCommand } from './relationship.commands';
import type { RelationshipEvent } from './relationship.events';
import { refuseSelfDealing } from './relationship.permissions';
import { evolve, initialState, type RelationshipState } from './relationship.state';
import { retractFact } from './retraction.rules';

export interface RelationshipRules {
  /** Days after which submitted feedback is revealed though the other side has not submitted. */
  readonly revealWindowDays: number;
}

export const DEFAULT_RELATIONSHIP_RULES: RelationshipRules = { revealWindowDays: 14 };

/**
 * Decides what a command records in the relationship between one supplier and one client.
 *
 * Only the two parties record here, each for itself or through a partner integration acting for it
 * (attested); the system only reveals feedback. No party records facts about itself. Who may record what:
 *
 * | command               | the party itself (self-reported)                 | a partner acting for a party       |
 * |-----------------------|--------------------------------------------------|------------------------------------|
 * | StartEngagement       | either side                                      | either side                        |
 * | EndEngagement         | either side; `endedBy` = itself                  | `endedBy` = the party it acts for  |
 * | RecordInvoicePaid     | the supplier (payee), never the client (payer)   | either side                        |
 * | RecordDelivery        | the client (recipient), never the supplier       | either side                        |
 * | RecordPriorityService | the client (beneficiary), never the supplier     | either side                        |
 * | RecordReferral        | the side referred to, never the referrer         | either side, either referrer       |
 * | RaiseDispute          | either side; `raisedBy` = itself                 | `raisedBy` = the party it acts for |
 * | ResolveDispute        | raiser: rejected, withdrawn, settled             | any outcome                        |
 * |                       | other side: upheld, settled                      |                                    |
 * | RecordLegalAction     | either side, `takenBy` either side (its target   | either side                        |
 * |                       | must be able to report retaliation)              |                                    |
 * | ConcludeLegalAction   | taker: lost, withdrawn, settled                  | any outcome                        |
 * |                       | other side: won, settled                         |                                    |
 * | SubmitFeedback        | either side; `by` = itself, `about` = the other  | `by` = the party it acts for       |
 * | RetractFact           | the party that recorded it, if self-reported;    | the partner that attested it; for  |
 * |                       | never a fact a partner attested                  | a self-report, a partner for it    |
 * | RevealFeedback        | no: the system's reveal job only                 | no                                 |
 *
 * The rule behind the table: a fact that speaks well of a party is not taken from that party alone.
 *
 * A command that repeats what is recorded under the same business id (engagement, invoice, dispute,
 * feedback … id) records nothing; the same id with other content is a conflict. Fields a command leaves
 * out, such as a `…At` that defaults to `now`, do not count as a difference.
 */
export const decide = (
  command: RelationshipCommand,
  state: RelationshipState,
  rules: RelationshipRules = DEFAULT_RELATIONSHIP_RULES,
): RelationshipEvent[] => {
  refuseSelfDealing(command.data);
  switch (command.type) {
    case 'StartEngagement':
      return startEngagement(command, state);
    case 'EndEngagement':
      return endEngagement(command, state);
    case 'RecordInvoicePaid':
      return recordInvoicePaid(command, state);
    case 'RecordReferral':
      return recordReferral(command, state);
    case 'RaiseDispute':
      return raiseDispute(command, state);
    case 'ResolveDispute':
      return resolveDispute(command, state);
    case 'RecordLegalAction':
      return recordLegalAction(command, state);
    case 'ConcludeLegalAction':
      return concludeLegalAction(command, state);
    case 'RecordDelivery':
      return recordDelivery(command, state);
    case 'RecordPriorityService':
      return recordPriorityService(command, state);
    case 'SubmitFeedback':
      return submitFeedback(command, state);
    case 'RevealFeedback':
      return revealDueFeedback(command, state, rules.revealWindowDays);
    case 'RetractFact':
      return retractFact(command, state);
    default:
      return assertNever(command);
  }
};

export { evolve, initialState };

export const relationshipDecider = (
  rules: RelationshipRules = DEFAULT_RELATIONSHIP_RULES,
): Decider<RelationshipCommand, RelationshipEvent, RelationshipState> => ({
  initialState,
  evolve,
  decide: (command, state) => decide(command, state, rules),
});
