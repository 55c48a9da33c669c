import { IdempotencyKeyReusedError, type Principal } from '#libs/access';
import { NotAllowedToManagePartyError, PartiesModule, partyStreamId, PartyNotRegisteredError, type PartyCommandInput } from '../..';
import { ADAPTERS, ADMIN, aParty, asParty, asPartner, NOW, readStream, refusalOf, useCommandApp } from '../../../../access/test/command-app';
import { RecordPartyFact } from './record-party-fact';

describe.each(ADAPTERS)('registering a party and updating its profile through the command bus (%s)', (_adapter, openStore) => {
  const suite = useCommandApp(openStore, [PartiesModule]);
  let partyId: string;

  beforeEach(() => {
    partyId = aParty('globex');
    suite.app.clock.set(NOW);
  });

  const register = (name = 'Globex'): PartyCommandInput => ({ type: 'RegisterParty', data: { partyId, name, roles: ['client'], industry: 'energy', region: 'FR' } });
  const rename = (name: string): PartyCommandInput => ({ type: 'UpdatePartyProfile', data: { partyId, name } });
  const record = (principal: Principal, command: PartyCommandInput, options: { idempotencyKey?: string; onBehalfOf?: string } = {}) =>
    suite.app.commandBus.execute(new RecordPartyFact(principal, { command, ...options }));

  it('registers a party, then updates its profile, each at the clock’s now', async () => {
    const registered = await record(asParty(partyId), register());
    suite.app.clock.set('2026-04-01T09:00:00.000Z');
    const updated = await record(asParty(partyId), rename('Globex SA'));

    expect(registered).toMatchObject({ streamId: partyStreamId(partyId), revision: 0, replayed: false });
    expect(updated).toMatchObject({ revision: 1, replayed: false });
    const stored = await readStream(suite.store, partyStreamId(partyId));
    expect(stored.map((e) => [e.id, e.type])).toEqual([
      [registered.eventIds[0], 'PartyRegistered'],
      [updated.eventIds[0], 'PartyProfileUpdated'],
    ]);
    expect(stored[0].data).toMatchObject({ registeredAt: NOW });
    expect(stored[1].data).toMatchObject({ name: 'Globex SA', updatedAt: '2026-04-01T09:00:00.000Z' });
  });

  it('lets an admin register a party, as the system', async () => {
    await record(ADMIN, register());
    const [stored] = await readStream(suite.store, partyStreamId(partyId));
    expect(stored.metadata).toMatchObject({ recordedBy: 'system', source: 'system', attested: false });
  });

  it('answers a repeated registration with no event and the stream’s revision', async () => {
    await record(asParty(partyId), register());
    expect(await record(asParty(partyId), register())).toMatchObject({ eventIds: [], revision: 0, replayed: false });
  });

  it('answers a retry under the same key as the first time, and refuses the key for another request', async () => {
    const first = await record(asParty(partyId), register(), { idempotencyKey: 'k1' });
    expect(await record(asParty(partyId), register(), { idempotencyKey: 'k1' })).toEqual({ ...first, replayed: true });
    expect(await refusalOf(record(asParty(partyId), rename('Globex SA'), { idempotencyKey: 'k1' }))).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await readStream(suite.store, partyStreamId(partyId))).toHaveLength(1);
  });

  it('refuses another party, and a partner integration, managing a party’s identity', async () => {
    expect(await refusalOf(record(asParty(aParty('acme')), register()))).toBeInstanceOf(NotAllowedToManagePartyError);
    expect(await refusalOf(record(asPartner('ledgerly', [partyId]), register(), { onBehalfOf: partyId }))).toMatchObject({ kind: 'forbidden', code: 'PARTY.NOT_ALLOWED' });
    expect(await readStream(suite.store, partyStreamId(partyId))).toEqual([]);
  });

  it('refuses a profile update of a party not registered', async () => {
    expect(await refusalOf(record(asParty(partyId), rename('Globex SA')))).toBeInstanceOf(PartyNotRegisteredError);
  });

  it('refuses a command without a valid party id as malformed', async () => {
    const error = await refusalOf(record(asParty(partyId), { type: 'RegisterParty', data: { ...register().data, partyId: 'Not A Slug' } } as PartyCommandInput));
    expect(error).toMatchObject({ kind: 'validation', code: 'PARTY.INVALID_COMMAND' });
  });
});
