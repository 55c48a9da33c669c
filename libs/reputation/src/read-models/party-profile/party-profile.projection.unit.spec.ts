import type { RecordedEvent } from '#libs/event-store';
import { DEFAULT_SCORING_POLICY as policy, rateParty } from '#libs/scoring';
import { publishedRating } from '../../../test/capped-rating';
import { InMemoryRunner } from '../../../test/in-memory-runner';
import { RecordedLog, plusDays } from '../../../test/recorded-log';
import { decodeEvent } from '../shared/decode-event';
import { asProjection } from '../shared/read-model';
import { MAX_REASON_EVENT_IDS } from '../shared/stored-rating';
import type { PartyProfileDoc } from './party-profile.doc';
import { PARTY_PROFILE_PROJECTION, partyProfileProjection } from './party-profile.projection';
import { publicProfileView } from './party-profile.queries';

const projection = asProjection(partyProfileProjection(policy));
const run = (events: readonly RecordedEvent[]) => new InMemoryRunner([projection]).run(events);
const profileOf = (models: InMemoryRunner, partyId: string): PartyProfileDoc => {
  const doc = models.doc<PartyProfileDoc>(PARTY_PROFILE_PROJECTION, partyId);
  if (doc === null) throw new Error(`no profile for ${partyId}`);
  return doc;
};
const relationshipFacts = (events: readonly RecordedEvent[]) =>
  events.flatMap((e) => {
    const decoded = decodeEvent(e);
    return decoded?.stream === 'relationship' ? [decoded.stored] : [];
  });

/** globex: a client of acme for three years, paying a little late, and a supplier to initech. */
const story = () => {
  const log = new RecordedLog();
  log.register('globex', { name: 'Globex', roles: ['client', 'supplier'], industry: 'Energy & Utilities', region: 'Île-de-France' });
  const asClient = log.between('acme', 'globex');
  asClient.startEngagement('2021-01-04');
  for (let m = 0; m < 36; m++) asClient.payInvoice(plusDays('2021-02-01', m * 30), { daysLate: m % 4 === 0 ? 12 : 0, attested: true });
  const asSupplier = log.between('globex', 'initech');
  asSupplier.startEngagement('2023-03-01');
  for (let m = 0; m < 10; m++) asSupplier.deliver(plusDays('2023-04-01', m * 30));
  asSupplier.raiseDispute('initech', '2024-01-10');
  return { log, asClient, asSupplier };
};

describe('the party profile projection', () => {
  it('keeps who the party is, with its latest profile changes', () => {
    const log = new RecordedLog();
    log.register('globex', { name: 'Globex', roles: ['client'], registeredAt: '2024-01-01T00:00:00Z' });
    log.updateProfile('globex', { name: 'Globex SA', roles: ['client', 'supplier'] }, '2024-06-01');

    expect(profileOf(run(log.events), 'globex').identity).toEqual({
      name: 'Globex SA',
      roles: ['client', 'supplier'],
      industry: 'Software',
      region: 'Île-de-France',
      registeredAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-06-01T09:00:00.000Z',
    });
  });

  it('leaves the ratings to settle: an evolved profile holds none, so one kept between batches does not keep the last ones', () => {
    const { log, asClient } = story();
    const profile = profileOf(run(log.events), 'globex');
    expect(profile.asClient).not.toBeNull();

    const model = partyProfileProjection(policy);

    const evolved = model.evolve(profile, 'globex', asClient.payInvoice('2024-02-01'));

    expect(evolved).toMatchObject({ asClient: null, asSupplier: null });
    expect(model.settle!('globex', evolved!).asClient).not.toBeNull();
  });

  it('rates the party in each role exactly as scoring rates it from the whole log, as of the latest event', () => {
    const { log } = story();
    const profile = profileOf(run(log.events), 'globex');
    const expected = rateParty('globex', relationshipFacts(log.events), policy, profile.asOf);
    const view = publicProfileView(profile);

    expect(profile.asOf).toBe(new Date(Math.max(...log.events.map((e) => e.recordedAt.getTime()))).toISOString());
    expect(view.asClient).toEqual(publishedRating(expected.asClient));
    expect(view.asSupplier).toEqual(publishedRating(expected.asSupplier));
    expect(view.asClient?.reasons[0].eventIds.length).toBeGreaterThan(0);
  });

  it('names at most the latest events of a reason, and stores each reason once', () => {
    const { log } = story();
    const profile = profileOf(run(log.events), 'globex');
    const expected = rateParty('globex', relationshipFacts(log.events), policy, profile.asOf).asClient!;
    const onTime = expected.components.punctuality!.reasons.find((reason) => reason.text.includes('on time'))!;

    expect(onTime.eventIds.length).toBeGreaterThan(MAX_REASON_EVENT_IDS);
    const published = publicProfileView(profile).asClient!.components.punctuality!.reasons.find((reason) => reason.text === onTime.text)!;
    expect(published.eventIds).toEqual(onTime.eventIds.slice(-MAX_REASON_EVENT_IDS));
    const stored = JSON.stringify(profile.asClient);
    expect(stored.split(onTime.text).length - 1).toBe(1);
  });

  it('counts its relationships and the disputes still open against or by it', () => {
    const profile = profileOf(run(story().log.events), 'globex');

    expect(profile.counts).toEqual({ relationships: 2, openDisputes: 1 });
    expect(profile.asSupplier?.openDisputes).toEqual([expect.objectContaining({ counterpartyId: 'initech', raisedByParty: false })]);
  });

  it('ranks the party by its ranking score in each role it has a rating in, overall, by industry and by region', () => {
    const models = run(story().log.events);
    const { asClient, asSupplier } = profileOf(models, 'globex');

    expect(projection.indexesOf?.('globex', profileOf(models, 'globex') as never)).toEqual([
      { index: 'rankings:client:all', member: 'globex', score: asClient?.rankingScore },
      { index: 'rankings:client:industry:energy-utilities', member: 'globex', score: asClient?.rankingScore },
      { index: 'rankings:client:region:ile-de-france', member: 'globex', score: asClient?.rankingScore },
      { index: 'rankings:supplier:all', member: 'globex', score: asSupplier?.rankingScore },
      { index: 'rankings:supplier:industry:energy-utilities', member: 'globex', score: asSupplier?.rankingScore },
      { index: 'rankings:supplier:region:ile-de-france', member: 'globex', score: asSupplier?.rankingScore },
    ]);
    expect(models.index('rankings:client:industry:energy-utilities')).toEqual([{ member: 'globex', score: asClient?.rankingScore }]);
  });

  it('ranks a party with evidence but no registration overall only, and a party without a rating in a role nowhere in it', () => {
    const models = run(story().log.events);

    expect(profileOf(models, 'initech').identity).toBeNull();
    expect(models.index('rankings:client:all').map((e) => e.member).sort()).toEqual(['globex', 'initech']);
    expect(models.index('rankings:client:region:ile-de-france').map((e) => e.member)).toEqual(['globex']);
    expect(models.index('rankings:supplier:all').map((e) => e.member).sort()).toEqual(['acme', 'globex']);
  });

  it('stops counting a retracted payment', () => {
    const { log, asClient } = story();
    const mistaken = asClient.payInvoice('2024-02-01', { daysLate: 80, amount: 20_000 });
    const before = profileOf(run(log.events), 'globex').asClient?.components.punctuality?.evidenceCount;
    asClient.retract(mistaken, 'acme', '2024-04-01');

    expect(profileOf(run(log.events), 'globex').asClient?.components.punctuality?.evidenceCount).toBe((before ?? 0) - 1);
  });

  it('raises the party-level retaliation flag when it sues a client over a review', () => {
    const { log, asSupplier } = story();
    const lawsuit = asSupplier.takeLegalAction('globex', '2024-05-20', 'review');
    const profile = profileOf(run(log.events), 'globex');

    expect(publicProfileView(profile).flags).toEqual([expect.objectContaining({ flag: 'retaliation', eventIds: [lawsuit.id] })]);
    expect(profile.asSupplier?.grade).toBe('D');
  });

  it('leaves the profile unchanged for an event it cannot read, and creates none from one', () => {
    const { log } = story();
    const models = run(log.events);
    const before = models.snapshot();
    log.record('relationship-acme-globex', 'InvoicePaid', { invoiceId: 'no-amount' }, '2024-06-01');
    log.record('relationship-acme-nobody', 'SomethingHappened', { supplierId: 'acme', clientId: 'nobody' }, '2024-06-02');

    expect(models.run(log.events.slice(-2)).snapshot()).toEqual(before);
  });

  it('shows the public everything but the evidence, which holds sealed feedback', () => {
    const { log } = story();
    const profile = profileOf(run(log.events), 'globex');
    const expected = rateParty('globex', relationshipFacts(log.events), policy, profile.asOf);
    const { partyId, identity, asOf, lastActivityAt, counts } = profile;

    expect(publicProfileView(profile)).toEqual({
      partyId,
      identity,
      asOf,
      lastActivityAt,
      asClient: publishedRating(expected.asClient),
      asSupplier: publishedRating(expected.asSupplier),
      flags: expected.flags,
      counts,
    });
  });

  it('stays under 200 KB for a party with a thousand facts', () => {
    const log = new RecordedLog();
    for (let s = 0; s < 10; s++) {
      const rel = log.between(`supplier_${s}`, 'big_co');
      rel.startEngagement('2015-01-05');
      for (let i = 0; i < 99; i++) rel.payInvoice(plusDays('2015-02-01', i * 36), { daysLate: (i % 7) - 2, attested: i % 2 === 0 });
    }
    const profile = profileOf(new InMemoryRunner([projection]).run(log.events, [log.events.length]), 'big_co');

    expect(profile.internal.evidence.client.n).toBe(1000);
    expect(profile.internal.evidence.client.facts).toHaveLength(1000);
    expect(JSON.stringify(profile.internal.evidence).length / 1000).toBeLessThan(200);
    expect(JSON.stringify(profile).length).toBeLessThan(200_000);
  });
});
