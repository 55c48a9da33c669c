import { eventMetadataFor, type Actor, type EventEnvelope, type Instant, type PartyId } from '#libs/shared-kernel';
import { partyEventSchemaVersion, type PartyCommand, type PartyCommandOf, type PartyEvent, type PartyEventType } from '../src';
import { decide, evolve, initialState } from '../src/domain/party.decider';

export const PARTY = 'globex';
export const NOW: Instant = '2026-03-01T12:00:00Z';
export const asParty = (partyId: PartyId): Actor => ({ kind: 'party', partyId });
export const SYSTEM: Actor = { kind: 'system' };

const profile = { name: 'Globex', roles: ['client' as const], industry: 'energy', region: 'FR' };

type DataOf<T extends PartyEventType> = Extract<PartyEvent, { type: T }>['data'];
export const partyRegistered = (data: Partial<DataOf<'PartyRegistered'>> = {}): PartyEvent => ({
  type: 'PartyRegistered',
  data: { partyId: PARTY, ...profile, registeredAt: '2025-01-01T00:00:00Z', ...data },
});
export const partyProfileUpdated = (data: Omit<Partial<DataOf<'PartyProfileUpdated'>>, 'partyId'>): PartyEvent => ({
  type: 'PartyProfileUpdated',
  data: { partyId: PARTY, updatedAt: NOW, ...data },
});

const command =
  <T extends PartyCommand['type']>(type: T, defaults: PartyCommandOf<T>['data']) =>
  (data: Partial<PartyCommandOf<T>['data']> = {}, actor: Actor = asParty(PARTY)) =>
    ({ type, now: NOW, actor, correlationId: 'corr-1', data: { ...defaults, ...data } }) as unknown as PartyCommandOf<T>;

export const registerParty = command('RegisterParty', { partyId: PARTY, ...profile });
export const updatePartyProfile = command('UpdatePartyProfile', { partyId: PARTY });

const envelope = (event: PartyEvent, n: number): EventEnvelope<PartyEvent> => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  event,
  metadata: eventMetadataFor({ now: NOW, actor: asParty(PARTY), correlationId: `given-${n}` }, { schemaVersion: partyEventSchemaVersion(event.type) }),
});

type ErrorClass = new (...args: never[]) => Error;

export const given = (...events: PartyEvent[]) => {
  const state = events.map((event, i) => envelope(event, i + 1)).reduce(evolve, initialState);
  return {
    state,
    when: (cmd: PartyCommand) => ({
      then: (expected: PartyEvent[] | ErrorClass): void => {
        if (Array.isArray(expected)) expect(decide(cmd, state)).toEqual(expected);
        else expect(() => decide(cmd, state)).toThrow(expected);
      },
    }),
  };
};
