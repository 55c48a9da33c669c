import type { RecordedEvent } from '#libs/event-store';
import { parsePartyStreamId, upcastPartyEvent, type PartyEvent } from '#libs/parties';
import {
  relationshipEventOccurredAt,
  parseRelationshipStreamId,
  upcastRelationshipEvent,
  type RelationshipEvent,
  type RelationshipRef,
} from '#libs/relationships';
import { EventMetadata, isRapportError, type StoredEvent } from '#libs/shared-kernel';

interface DecodedBase {
  /** When the store recorded it, as an ISO instant: the `asOf` of ratings computed while projecting it. */
  readonly recordedAt: string;
  /** When the fact itself happened (its `…At`), as an ISO instant. */
  readonly occurredAt: string;
}

export type DecodedEvent =
  | (DecodedBase & { readonly stream: 'party'; readonly partyId: string; readonly stored: StoredEvent<PartyEvent> })
  | (DecodedBase & {
      readonly stream: 'relationship';
      readonly ref: RelationshipRef;
      readonly stored: StoredEvent<RelationshipEvent>;
    });
export type DecodedRelationshipEvent = Extract<DecodedEvent, { stream: 'relationship' }>;

/**
 * Every projection asks keysOf, evolve (once per key) and entriesOf about one event: it is decoded once
 * and the result kept on the event object under a symbol (invisible to JSON and to key listings). A
 * WeakMap would do the same at a measurable cost to every garbage collection of a replay; it is kept
 * for an event object that cannot take a property.
 */
const DECODED = Symbol('decoded');
const decodedElsewhere = new WeakMap<RecordedEvent, DecodedEvent | null>();

type Carrier = RecordedEvent & { [DECODED]?: DecodedEvent | null };

/**
 * A recorded event in today's shape, validated, or null when it cannot be read: unknown type, a version
 * with no upcaster path, a payload or metadata that fails its schema, or a payload naming other parties
 * than its stream. Read models leave their documents unchanged for such an event rather than throwing.
 */
export const decodeEvent = (recorded: RecordedEvent): DecodedEvent | null => {
  const carrier = recorded as Carrier;
  if (DECODED in carrier) return carrier[DECODED]!;
  let result = decodedElsewhere.get(recorded);
  if (result !== undefined) return result;
  result = decode(recorded);
  if (Object.isExtensible(recorded)) Object.defineProperty(recorded, DECODED, { value: result, enumerable: false });
  else decodedElsewhere.set(recorded, result);
  return result;
};

/** A relationship's every event names its stream, and reading one checks two party ids against their schema: remember them. */
const refs = new Map<string, RelationshipRef | null>();
const relationshipRefOf = (streamId: string): RelationshipRef | undefined => {
  let ref = refs.get(streamId);
  if (ref === undefined) {
    ref = parseRelationshipStreamId(streamId) ?? null;
    if (refs.size >= 100_000) refs.clear();
    refs.set(streamId, ref);
  }
  return ref ?? undefined;
};

const decode = (recorded: RecordedEvent): DecodedEvent | null => {
  const metadata = EventMetadata.safeParse(recorded.metadata);
  if (!metadata.success) return null;
  const envelope = { id: recorded.id, metadata: metadata.data, streamId: recorded.streamId, revision: recorded.revision };
  const recordedAt = recorded.recordedAt.toISOString();
  try {
    const partyId = parsePartyStreamId(recorded.streamId);
    if (partyId !== undefined) {
      const event = upcastPartyEvent(recorded.type, metadata.data.schemaVersion, recorded.data);
      if (event.data.partyId !== partyId) return null;
      const occurredAt = event.type === 'PartyRegistered' ? event.data.registeredAt : event.data.updatedAt;
      return { stream: 'party', partyId, stored: { ...envelope, event }, recordedAt, occurredAt: iso(occurredAt) };
    }
    const ref = relationshipRefOf(recorded.streamId);
    if (ref === undefined) return null;
    const event = upcastRelationshipEvent(recorded.type, metadata.data.schemaVersion, recorded.data);
    if (event.data.supplierId !== ref.supplierId || event.data.clientId !== ref.clientId) return null;
    return { stream: 'relationship', ref, stored: { ...envelope, event }, recordedAt, occurredAt: iso(relationshipEventOccurredAt(event)) };
  } catch (error) {
    if (isRapportError(error)) return null;
    throw error;
  }
};

/** One spelling per instant (`…T09:00:00.000Z`), so instants compare as strings and round-trip exactly. */
export const iso = (instant: string): string => new Date(instant).toISOString();

/** The later of two ISO instants as `iso` writes them. */
export const laterOf = (a: string, b: string): string => (a >= b ? a : b);
