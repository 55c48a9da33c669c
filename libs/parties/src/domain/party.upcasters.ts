import { createEventUpcaster, type EventVersionRegistry } from '#libs/shared-kernel';
import { partyEventSchemas, type PartyEvent, type PartyEventType } from './party.events';

/** Current schema version of every party event; see `EventTypeVersions` for how to add a version. */
export const partyEventVersions: EventVersionRegistry<PartyEventType> = {
  PartyRegistered: { current: 1 },
  PartyProfileUpdated: { current: 1 },
};

const upcaster = createEventUpcaster('PARTY', partyEventSchemas, partyEventVersions);

/** A stored party event in today's shape, validated. */
export const upcastPartyEvent = (type: string, schemaVersion: number, data: unknown): PartyEvent =>
  upcaster.upcast(type, schemaVersion, data);

export const partyEventSchemaVersion = (type: PartyEventType): number => upcaster.currentVersion(type);
