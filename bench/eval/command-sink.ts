import type { EventData, EventStore, JsonObject, RecordedEvent } from '#libs/event-store';
import { type PartyCommand, decideParty, evolveParty, initialPartyState, partyEventSchemaVersion, partyStreamId, upcastPartyEvent } from '#libs/parties';
import {
  type RelationshipCommand,
  type RelationshipEvent,
  decideRelationship,
  evolveRelationship,
  initialRelationshipState,
  relationshipEventSchemaVersion,
  relationshipStreamId,
  upcastRelationshipEvent,
} from '#libs/relationships';
import { decodeEvent } from '#libs/reputation';
import { type EventMetadata, type StoredEvent, eventMetadataFor, isRapportError } from '#libs/shared-kernel';
import type { DomainCommand } from './alpha-commands';

/**
 * Where the replay sends its commands. Today `deciderSink` below; with the application layer, the command
 * bus: `const sink: CommandSink = (command) => bus.execute(...)`, with the handlers' clock set to `command.now`.
 */
export type CommandSink = (command: DomainCommand) => Promise<unknown>;

const isPartyCommand = (command: DomainCommand): command is PartyCommand => command.type === 'RegisterParty' || command.type === 'UpdatePartyProfile';

/**
 * A stand-in for the command handlers, the pure deciders behind the same load → decide → append with the
 * stream's revision: every rule of the domain applies (double-blind reveal, one feedback per author and
 * engagement, no self-dealing). Refusals are counted by error code, not thrown.
 */
export const deciderSink = (store: EventStore, refusals: Map<string, number>): CommandSink => {
  let sequence = 0;
  const append = async (streamId: string, revision: number, command: DomainCommand, events: readonly { type: string; data: object }[], version: (type: never) => number) => {
    if (events.length === 0) return;
    const data: EventData[] = events.map((event) => {
      sequence += 1;
      const metadata = eventMetadataFor(command, { schemaVersion: version(event.type as never) });
      return { id: `00000000-0000-4000-a000-${sequence.toString(16).padStart(12, '0')}`, type: event.type, data: event.data as JsonObject, metadata: metadata as unknown as JsonObject };
    });
    await store.appendToStream(streamId, data, { expectedRevision: revision < 0 ? 'no_stream' : revision });
  };
  const envelope = (e: RecordedEvent) => ({ id: e.id, metadata: e.metadata as unknown as EventMetadata });
  return async (command) => {
    try {
      if (isPartyCommand(command)) {
        const streamId = partyStreamId(command.data.partyId);
        let state = initialPartyState;
        let revision = -1;
        for await (const e of store.readStream(streamId)) {
          state = evolveParty(state, { ...envelope(e), event: upcastPartyEvent(e.type, Number(e.metadata.schemaVersion), e.data) });
          revision = e.revision;
        }
        await append(streamId, revision, command, decideParty(command, state), partyEventSchemaVersion);
        return;
      }
      const rel: RelationshipCommand = command;
      const streamId = relationshipStreamId(rel.data.supplierId, rel.data.clientId);
      let state = initialRelationshipState;
      let revision = -1;
      for await (const e of store.readStream(streamId)) {
        state = evolveRelationship(state, { ...envelope(e), event: upcastRelationshipEvent(e.type, Number(e.metadata.schemaVersion), e.data) });
        revision = e.revision;
      }
      await append(streamId, revision, command, decideRelationship(rel, state), relationshipEventSchemaVersion);
    } catch (error) {
      if (!isRapportError(error)) throw error;
      refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1);
    }
  };
};

/** Every relationship event recorded in the store, read back and decoded as projections read them. */
export const recordedRelationshipEvents = async (store: EventStore): Promise<StoredEvent<RelationshipEvent>[]> => {
  const events: StoredEvent<RelationshipEvent>[] = [];
  for await (const recorded of store.readAll()) {
    const decoded = decodeEvent(recorded);
    if (decoded?.stream === 'relationship') events.push(decoded.stored);
  }
  return events;
};
