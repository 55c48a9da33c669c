import type { CommandCatalogue, CommandInput, FactInput, StreamModel } from '#libs/access';
import { parsePartyCommand, type PartyCommand } from '../domain/party.commands';
import { decide, evolve, initialState, type PartyState } from '../domain/party.decider';
import type { PartyEvent, PartyEventType } from '../domain/party.events';
import { partyEventSchemaVersion, upcastPartyEvent } from '../domain/party.upcasters';

/** A party command as a transport sends it: `{ type: 'RegisterParty', data: { … } }`. */
export type PartyCommandInput = CommandInput<PartyCommand>;

export type PartyFactInput = FactInput<PartyCommandInput>;

export const PARTY_COMMAND_RECORDS: Readonly<Record<PartyCommand['type'], PartyEventType>> = {
  RegisterParty: 'PartyRegistered',
  UpdatePartyProfile: 'PartyProfileUpdated',
};

export const partyStreamModel: StreamModel<PartyState, PartyEvent> = {
  initialState,
  evolve,
  upcast: upcastPartyEvent,
  schemaVersion: partyEventSchemaVersion,
};

export const partyCatalogue: CommandCatalogue<PartyCommand, PartyState, PartyEvent> = {
  records: PARTY_COMMAND_RECORDS,
  invalidCommandCode: 'PARTY.INVALID_COMMAND',
  parse: parsePartyCommand,
  decide,
};
