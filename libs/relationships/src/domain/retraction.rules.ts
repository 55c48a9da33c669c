import type { Recorder } from '#libs/shared-kernel';
import type { RelationshipCommandOf } from './relationship.commands';
import {
  FactAlreadyRetractedError,
  FactHasDependentsError,
  FactNotFoundError,
  FactNotRetractableError,
  RecorderNotAllowedError,
} from './relationship.errors';
import type { RelationshipEvent, RelationshipEventType } from './relationship.events';
import { actingIn } from './relationship.permissions';
import type { PersistentMap } from './persistent-map';
import type { FactTarget, RelationshipState } from './relationship.state';

/**
 * Retractions and reveals stand once recorded, and so does feedback: withdrawing it after seeing the other
 * side's would undo what double-blind feedback protects.
 */
const NOT_RETRACTABLE: ReadonlySet<RelationshipEventType> = new Set([
  'FactRetracted',
  'FeedbackRevealed',
  'FeedbackSubmitted',
]);

/** Whoever recorded a fact takes it back: the same party, and for an attested fact the same partner. */
const sameHands = (original: Recorder, retracting: Recorder): boolean =>
  original.party === retracting.party && (!original.attested || original.source === retracting.source);

interface Opened {
  readonly opening: { readonly eventId: string; readonly data: object };
}
const eventIdsReferring = (things: PersistentMap<Opened>, key: string, id: string): string[] =>
  things
    .values()
    .filter((thing) => (thing.opening.data as Record<string, unknown>)[key] === id)
    .map((thing) => thing.opening.eventId);

/** Event ids of live facts resting on this one: its closing, and what refers to it. A closing has none. */
const dependentsOf = ({ things }: RelationshipState, target: FactTarget | undefined): string[] => {
  if (!target || target.step === 'closing') return [];
  const closing = things[target.kind].get(target.id)?.closing?.eventId;
  const referring =
    target.kind === 'engagement'
      ? [things.feedback, things.invoice, things.delivery].flatMap((t) =>
          eventIdsReferring(t, 'engagementId', target.id),
        )
      : target.kind === 'dispute'
        ? eventIdsReferring(things.legalAction, 'disputeId', target.id)
        : [];
  return [...(closing ? [closing] : []), ...referring];
};

export const retractFact = (
  { data, now, actor }: RelationshipCommandOf<'RetractFact'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  const acting = actingIn(data, actor);
  const eventId = data.retractedEventId;
  const fact = state.facts.get(eventId);
  if (!fact) throw new FactNotFoundError(`No event ${eventId} in this relationship`, { eventId });
  if (NOT_RETRACTABLE.has(fact.type)) {
    throw new FactNotRetractableError(`A ${fact.type} cannot be retracted`, { eventId, type: fact.type });
  }
  const { party, source } = fact.recorder;
  if (!sameHands(fact.recorder, acting.recorder)) {
    throw new RecorderNotAllowedError(`Only ${party} (${source}) can retract event ${eventId}`, {
      eventId,
      recordedBy: party,
      source,
    });
  }
  if (fact.retraction) {
    if (fact.retraction.reason === data.reason) return [];
    const reason = fact.retraction.reason;
    throw new FactAlreadyRetractedError(`Event ${eventId} was retracted already: ${reason}`, { eventId, reason });
  }
  const dependents = dependentsOf(state, fact.target);
  if (dependents.length > 0) {
    throw new FactHasDependentsError(`Later facts rest on event ${eventId}: ${dependents.join(', ')}`, {
      eventId,
      dependents,
    });
  }
  return [{ type: 'FactRetracted', data: { ...data, retractedBy: acting.party, retractedAt: now } }];
};
