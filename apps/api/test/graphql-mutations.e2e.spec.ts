import { type Client, gql } from '@urql/core';
import type { ReadStoreReader } from '#libs/projector';
import { READ_STORE } from '../src/read-models/read-models.module';
import { CREDENTIALS_ON_THE_EVENT_STORE, startApi, type RunningApi } from './support/api-harness';
import { between, codeOf, daysAgo, eventsOf, recorded, write, type Recorded } from './support/writes';

const RELATIONSHIP = gql`
  query ($supplierId: ID!, $clientId: ID!) {
    relationship(supplierId: $supplierId, clientId: $clientId) {
      status
      counts { engagements invoices deliveries referrals priorityServices disputes openDisputes legalActions feedback pendingFeedback }
      engagements { engagementId ending { amicable handoverArranged } }
      legalActions { legalActionId grounds conclusion { outcome } }
      feedback { feedbackId by ratings { dimension stars } }
      retractions { retractedEventId reason }
    }
  }
`;

interface Page<N> {
  readonly totalCount?: number;
  readonly edges: { node: N }[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every mutation over real HTTP, as the parties of one relationship (and a partner) would send them. */
describe('GraphQL mutations', () => {
  let api: RunningApi;
  let acme: Client;
  let globex: Client;
  let ledgerly: Client;
  const pair = between('acme', 'globex');

  beforeAll(async () => {
    api = await startApi(CREDENTIALS_ON_THE_EVENT_STORE, { PROJECTION_WAIT_TIMEOUT_MS: '1500' });
    acme = api.client(await api.issue({ kind: 'party', partyId: 'acme' }));
    globex = api.client(await api.issue({ kind: 'party', partyId: 'globex' }));
    ledgerly = api.client(await api.issue({ kind: 'partner', partnerId: 'ledgerly', parties: ['acme'], eventTypes: ['InvoicePaid'] }));
  });

  afterAll(() => api?.close());

  describe('one per command, in the order a relationship lives them', () => {
    const answers: Record<string, Recorded> = {};

    it.each([
      ['registerParty', 'acme', { partyId: 'acme', name: 'Acme Consulting', roles: ['SUPPLIER'], industry: 'Software', region: 'Bretagne' }],
      ['registerParty', 'globex', { partyId: 'globex', name: 'Globex', roles: ['CLIENT'], industry: 'Retail', region: 'Bretagne' }],
      ['updatePartyProfile', 'acme', { partyId: 'acme', region: 'Île-de-France' }],
      ['startEngagement', 'acme', { ...pair, engagementId: 'eng-1', paymentTermsDays: 30, startedAt: daysAgo(400) }],
      ['recordInvoicePaid', 'acme', { ...pair, engagementId: 'eng-1', invoiceId: 'inv-1', amount: 1200, currency: 'EUR', dueAt: daysAgo(340), paidAt: daysAgo(345) }],
      ['recordDelivery', 'globex', { ...pair, engagementId: 'eng-1', deliveryId: 'del-1', dueAt: daysAgo(300), deliveredAt: daysAgo(301) }],
      ['recordPriorityService', 'globex', { ...pair, serviceId: 'outage', description: 'Served first when our site went down', givenAt: daysAgo(290) }],
      ['recordReferral', 'acme', { ...pair, referralId: 'ref-1', referrerId: 'globex', referredPartyId: 'initech', givenAt: daysAgo(280) }],
      ['raiseDispute', 'globex', { ...pair, disputeId: 'd-1', raisedBy: 'globex', reason: 'Late milestone', raisedAt: daysAgo(250) }],
      ['resolveDispute', 'globex', { ...pair, disputeId: 'd-1', outcome: 'WITHDRAWN', resolvedAt: daysAgo(240) }],
      ['recordLegalAction', 'acme', { ...pair, legalActionId: 'la-1', takenBy: 'acme', kind: 'FORMAL_NOTICE', grounds: 'NON_PAYMENT', takenAt: daysAgo(200) }],
      ['concludeLegalAction', 'acme', { ...pair, legalActionId: 'la-1', outcome: 'WITHDRAWN', concludedAt: daysAgo(190) }],
      ['submitFeedback', 'acme', { ...pair, engagementId: 'eng-1', feedbackId: 'fb-acme', by: 'acme', about: 'globex', ratings: [{ dimension: 'QUALITY', stars: 5 }], comment: 'A joy' }],
      ['submitFeedback', 'globex', { ...pair, engagementId: 'eng-1', feedbackId: 'fb-globex', by: 'globex', about: 'acme', ratings: [{ dimension: 'COMMUNICATION', stars: 4 }, { dimension: 'WOULD_WORK_AGAIN', stars: 5 }] }],
      ['endEngagement', 'globex', { ...pair, engagementId: 'eng-1', endedBy: 'globex', reason: 'Project delivered', amicable: true, handoverArranged: true, endedAt: daysAgo(10) }],
    ] as const)('%s as %s', async (name, as, input) => {
      const answer = await recorded(as === 'acme' ? acme : globex, name, input);

      expect(answer).toMatchObject({ replayed: false, projected: null, position: expect.stringMatching(/^\d+\/\d+$/) });
      expect(answer.eventIds.length).toBeGreaterThan(0);
      answers[`${name}:${as}`] = answer;
    });

    it('reveals double-blind feedback with the second submission', () => {
      expect(answers['submitFeedback:acme'].eventIds).toHaveLength(1);
      expect(answers['submitFeedback:globex'].eventIds).toHaveLength(2);
    });

    it('retracts a fact its recorder takes back', async () => {
      const referral = answers['recordReferral:acme'].eventIds[0];

      const answer = await recorded(acme, 'retractFact', { ...pair, retractedEventId: referral, reason: 'Recorded in the wrong relationship' });

      expect(answer.streamId).toBe('relationship-acme-globex');
      expect(answer.revision).toBe(answers['endEngagement:globex'].revision + 1);
    });

    it('records what a partner sends for its party, attested', async () => {
      const answer = await recorded(ledgerly, 'recordInvoicePaid', { ...pair, invoiceId: 'inv-2', amount: 800, currency: 'EUR', dueAt: daysAgo(5), paidAt: daysAgo(6) }, { onBehalfOf: 'acme', waitForProjection: true });

      const event = (await eventsOf(api.store, answer.streamId)).find((e) => e.id === answer.eventIds[0]);
      expect(event?.metadata).toMatchObject({ recordedBy: 'acme', source: 'partner:ledgerly', attested: true });
      expect(answer.projected).toBe(true);
    });

    it('leaves a stream whose events the read models show, each fact once', async () => {
      const events = await eventsOf(api.store, 'relationship-acme-globex');
      const { data } = await acme.query(RELATIONSHIP, pair).toPromise();

      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(data.relationship).toMatchObject({
        status: 'ENDED',
        counts: { engagements: 1, invoices: 2, deliveries: 1, referrals: 0, priorityServices: 1, disputes: 1, openDisputes: 0, legalActions: 1, feedback: 2, pendingFeedback: 0 },
        engagements: [{ engagementId: 'eng-1', ending: { amicable: true, handoverArranged: true } }],
        legalActions: [{ legalActionId: 'la-1', grounds: 'non_payment', conclusion: { outcome: 'withdrawn' } }],
        retractions: [{ retractedEventId: answers['recordReferral:acme'].eventIds[0], reason: 'Recorded in the wrong relationship' }],
      });
      expect(data.relationship.feedback.map((f: { feedbackId: string }) => f.feedbackId).sort()).toEqual(['fb-acme', 'fb-globex']);
    });
  });

  describe('idempotent retry', () => {
    const invoice = { ...between('acme', 'retry_co'), invoiceId: 'inv-r', amount: 99.5, currency: 'EUR', dueAt: daysAgo(20), paidAt: daysAgo(21) };

    it('records once and answers the same, however often and however concurrently it is sent', async () => {
      const first = await recorded(acme, 'recordInvoicePaid', invoice, { idempotencyKey: 'pay-r-1' });
      const again = await Promise.all([1, 2, 3].map(() => recorded(acme, 'recordInvoicePaid', invoice, { idempotencyKey: 'pay-r-1' })));

      expect(first.replayed).toBe(false);
      for (const answer of again) expect(answer).toEqual({ ...first, replayed: true });
      const events = await eventsOf(api.store, 'relationship-acme-retry_co');
      expect(events.map((e) => e.id)).toEqual(first.eventIds);
    });

    it('answers CONFLICT when the key comes back with another request, and records nothing', async () => {
      const { recorded: answer, error } = await write(acme, 'recordInvoicePaid', { ...invoice, amount: 100 }, { idempotencyKey: 'pay-r-1' });

      expect(answer).toBeNull();
      expect(codeOf(error)).toEqual({ code: 'CONFLICT', domainCode: 'IDEMPOTENCY.KEY_REUSED' });
      expect(await eventsOf(api.store, 'relationship-acme-retry_co')).toHaveLength(1);
    });

    it('keeps keys apart per sender: the same key from another party is another request', async () => {
      const theirs = await recorded(globex, 'startEngagement', { ...between('retry_co', 'globex'), engagementId: 'e', paymentTermsDays: 10 }, { idempotencyKey: 'pay-r-1' });

      expect(theirs.replayed).toBe(false);
    });
  });

  describe('read your writes', () => {
    const readInvoices = async () => (await acme.query(RELATIONSHIP, between('acme', 'rw_co')).toPromise()).data?.relationship?.counts.invoices ?? 0;

    it('answers a write with waitForProjection only once the read models have it', async () => {
      for (let i = 1; i <= 5; i++) {
        const answer = await recorded(acme, 'recordInvoicePaid', { ...between('acme', 'rw_co'), invoiceId: `rw-${i}`, amount: 10, currency: 'EUR', dueAt: daysAgo(3), paidAt: daysAgo(4) }, { waitForProjection: true });

        expect(answer.projected).toBe(true);
        expect(await readInvoices()).toBe(i);
      }
    });

    it('says projected: false when the read models do not catch up in time, and the write stands', async () => {
      const reader = api.app.get<ReadStoreReader & { readCheckpoint(name: string): Promise<unknown> }>(READ_STORE);
      const stuck = jest.spyOn(reader, 'readCheckpoint').mockResolvedValue(null);
      try {
        const answer = await recorded(acme, 'recordInvoicePaid', { ...between('acme', 'rw_co'), invoiceId: 'rw-late', amount: 10, currency: 'EUR', dueAt: daysAgo(3), paidAt: daysAgo(4) }, { waitForProjection: true });

        expect(answer.projected).toBe(false);
        expect(answer.eventIds).toHaveLength(1);
      } finally {
        stuck.mockRestore();
      }
    });
  });

  describe('pagination over what mutations recorded', () => {
    const RELATIONSHIPS = gql`
      query ($after: String) {
        party(id: "hub") { relationships(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }
      }
    `;
    const TIMELINE = gql`
      query ($after: String) {
        party(id: "hub") { timeline(first: 3, after: $after) { edges { node { eventId type } } pageInfo { hasNextPage endCursor } } }
      }
    `;

    it('pages the relationships and the timeline the writes built, with no gap and no repeat', async () => {
      const hub = api.client(await api.issue({ kind: 'party', partyId: 'hub' }));
      const written: string[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await recorded(hub, 'startEngagement', { ...between('hub', `client_${i}`), engagementId: 'e', paymentTermsDays: 30, startedAt: daysAgo(50 - i) }, { waitForProjection: i === 4 });
        written.push(...answer.eventIds);
      }

      const relationships: string[] = [];
      let after: string | null = null;
      do {
        const page: Page<{ id: string }> = (await hub.query(RELATIONSHIPS, { after }).toPromise()).data.party.relationships;
        expect(page.totalCount).toBe(5);
        relationships.push(...page.edges.map((e) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      const timeline: string[] = [];
      do {
        const page: Page<{ eventId: string }> = (await hub.query(TIMELINE, { after }).toPromise()).data.party.timeline;
        timeline.push(...page.edges.map((e) => e.node.eventId));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);

      expect(relationships).toEqual([4, 3, 2, 1, 0].map((i) => `hub:client_${i}`));
      expect(timeline).toEqual([...written].reverse());
    });
  });
});
