export * from './domain/party.events';
export * from './domain/party.commands';
export * from './domain/party.errors';
export * from './domain/party.upcasters';
export * from './domain/party.stream-id';
export {
  partyDecider,
  decide as decideParty,
  evolve as evolveParty,
  initialState as initialPartyState,
  type PartyState,
} from './domain/party.decider';
export {
  PARTY_COMMAND_RECORDS,
  partyCatalogue,
  partyStreamModel,
  type PartyCommandInput,
  type PartyFactInput,
} from './application/party-recording';
export { RecordPartyFact, RecordPartyFactHandler } from './application/record-party-fact/record-party-fact';
export { PartiesModule } from './application/parties.module';
