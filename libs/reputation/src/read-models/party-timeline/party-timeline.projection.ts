import type { RecordedEvent } from '#libs/event-store';
import type { ListEntry } from '#libs/projector';
import { decodeEvent, type DecodedEvent, type DecodedRelationshipEvent } from '../shared/decode-event';
import { timelineList, timelineRetractionsList } from '../shared/keys';
import type { ReadModel } from '../shared/read-model';
import type { TimelineEntry, TimelineRetraction } from './party-timeline.entries';
import { summarizePartyEvent, summarizeRelationshipEvent } from './timeline-summaries';

export const PARTY_TIMELINE_PROJECTION = 'party-timeline';

const entryFor = (decoded: DecodedEvent, counterpartyId: string | null, summary: string): TimelineEntry => {
  const { id, event, streamId, metadata } = decoded.stored;
  return {
    eventId: id,
    type: event.type,
    at: decoded.occurredAt,
    streamId,
    summary,
    counterpartyId,
    attested: metadata.attested,
    recordedBy: metadata.recordedBy,
    retractedEventId: event.type === 'FactRetracted' ? event.data.retractedEventId : null,
    feedbackIds: event.type === 'FeedbackRevealed' ? [...event.data.feedbackIds] : null,
  };
};

const retractionOf = ({ stored, occurredAt }: DecodedRelationshipEvent): TimelineRetraction | null => {
  const { id, event } = stored;
  if (event.type !== 'FactRetracted') return null;
  const { retractedEventId, retractedBy, reason } = event.data;
  return { retractedEventId, retractionEventId: id, retractedBy, reason, at: occurredAt };
};

/**
 * Both parties of a relationship fact get the entry. Lists are append-only, so a retraction is an entry of
 * its own, also written to a short retractions list the query side reads to mark what it retracts.
 * Submitted feedback is sealed: it gets no entry; its reveal does.
 */
const relationshipEntries = (decoded: DecodedRelationshipEvent): ListEntry[] => {
  const { event } = decoded.stored;
  if (event.type === 'FeedbackSubmitted') return [];
  const score = Date.parse(decoded.occurredAt);
  const summary = summarizeRelationshipEvent(event);
  const retraction = retractionOf(decoded);
  const { supplierId, clientId } = decoded.ref;
  return [
    [supplierId, clientId],
    [clientId, supplierId],
  ].flatMap(([partyId, counterpartyId]) => [
    { list: timelineList(partyId), id: decoded.stored.id, score, entry: entryFor(decoded, counterpartyId, summary) },
    ...(retraction ? [{ list: timelineRetractionsList(partyId), id: decoded.stored.id, score, entry: retraction }] : []),
  ]);
};

const entriesOf = (event: RecordedEvent): ListEntry[] => {
  const decoded = decodeEvent(event);
  if (decoded === null) return [];
  if (decoded.stream === 'relationship') return relationshipEntries(decoded);
  const entry = entryFor(decoded, null, summarizePartyEvent(decoded.stored.event));
  return [{ list: timelineList(decoded.partyId), id: decoded.stored.id, score: Date.parse(decoded.occurredAt), entry }];
};

/** Lists only: the timeline keeps no documents. */
export const partyTimelineProjection = (): ReadModel<never> => ({
  name: PARTY_TIMELINE_PROJECTION,
  version: 1,
  filter: { streamNamePrefixes: ['party-', 'relationship-'] },
  keysOf: () => [],
  evolve: (doc) => doc,
  entriesOf,
});
