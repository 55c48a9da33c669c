import { gql } from '@urql/core';
import { partyToken, startApi, TokenTable, type RunningApi } from './support/api-harness';
import { reputationStories } from './support/stories';

const stories = reputationStories();
const tokens = new TokenTable(
  Object.fromEntries([
    ...['acme', 'globex', 'initech', 'sueco', 'hooli'].map(partyToken),
    ['partner-ledgerly', { kind: 'partner', credentialId: 'cred-ledgerly', partnerId: 'ledgerly', parties: ['acme'], eventTypes: ['InvoicePaid'] }],
    ['admin-ops', { kind: 'admin', credentialId: 'cred-ops', name: 'ops' }],
  ]),
);

const PARTY = gql`
  query Party($id: ID!) {
    party(id: $id) {
      id
      identity { name roles industry region }
      asClient { score grade confidence confidenceLevel rankingScore components { component value confidence evidenceCount paydex } reasons { component direction impact text eventIds } }
      asSupplier { score grade }
      flags { flag since text eventIds }
      counts { relationships openDisputes }
    }
  }
`;

const RELATIONSHIP = gql`
  query Relationship($supplierId: ID!, $clientId: ID!) {
    relationship(supplierId: $supplierId, clientId: $clientId) {
      id status since tenureDays
      supplier { id identity { name } }
      client { id identity { name } }
      supplierViewOfClient { score grade }
      clientViewOfSupplier { score grade }
      mutualFit { score grade weakerSide supplierViewOfClient clientViewOfSupplier }
      openDisputes { disputeId raisedBy resolution { outcome } }
      feedback { feedbackId by comment ratings { dimension stars } }
      pendingFeedback { feedbackId by about }
      sealedFeedback { feedbackId by comment ratings { dimension stars } }
      counts { invoices referrals openDisputes pendingFeedback }
    }
  }
`;

const TIMELINE = gql`
  query Timeline($id: ID!, $first: Int, $after: String) {
    party(id: $id) {
      timeline(first: $first, after: $after) {
        edges { cursor node { eventId type at summary counterpartyId counterparty { id } attested } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;

const RANKINGS = gql`
  query Rankings($role: Role!, $industry: String, $region: String, $first: Int, $after: String) {
    rankings(role: $role, industry: $industry, region: $region, first: $first, after: $after) {
      totalCount
      edges { cursor rank rankingScore node { id asClient { rankingScore } asSupplier { rankingScore } } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
`;

interface TimelinePage {
  party: { timeline: { edges: { cursor: string; node: { eventId: string; type: string; counterparty: { id: string } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
}

describe('the GraphQL read side, over HTTP', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi(tokens);
    await api.record(stories.log.events);
    await api.projected();
  });

  afterAll(() => api?.close());

  const as = (token: string) => api.client(token);

  describe('party(id)', () => {
    it('gives a client its rating with components, confidence and reasons that name their events', async () => {
      const { data, error } = await as('party-acme').query(PARTY, { id: 'globex' }).toPromise();

      expect(error).toBeUndefined();
      const party = data.party;
      expect(party).toMatchObject({ id: 'globex', identity: { name: 'Globex', roles: ['CLIENT'], region: 'Île-de-France' }, asSupplier: null, flags: [], counts: { relationships: 1 } });
      expect(party.asClient).toMatchObject({ grade: 'A', confidenceLevel: expect.stringMatching(/MEDIUM|HIGH/) });
      expect(party.asClient.components.map((c: { component: string }) => c.component)).toEqual(expect.arrayContaining(['PUNCTUALITY', 'ADVOCACY']));
      expect(party.asClient.components.find((c: { component: string }) => c.component === 'PUNCTUALITY').paydex).toBeGreaterThan(80);
      const evidence = party.asClient.reasons.flatMap((r: { eventIds: string[] }) => r.eventIds);
      expect(evidence.length).toBeGreaterThan(0);
      const recorded = new Set(stories.log.events.map((e) => e.id));
      expect(evidence.every((id: string) => recorded.has(id))).toBe(true);
    });

    it('shows a party that sued over feedback with its public retaliation flag and the event behind it', async () => {
      const { data } = await as('party-acme').query(PARTY, { id: 'sueco' }).toPromise();

      const lawsuit = stories.log.events.find((e) => e.type === 'LegalActionTaken');
      expect(data.party.flags).toEqual([expect.objectContaining({ flag: 'RETALIATION', eventIds: [lawsuit?.id] })]);
      expect(data.party.asClient).toBeNull();
    });

    it('links every reason to events on the timeline of the party it is about', async () => {
      const { data } = await as('party-globex').query(PARTY, { id: 'globex' }).toPromise();
      const timeline = await as('party-globex').query(TIMELINE, { id: 'globex', first: 100 }).toPromise();

      const onTimeline = new Set((timeline.data as TimelinePage).party.timeline.edges.map((e) => e.node.eventId));
      const evidence = data.party.asClient.reasons.flatMap((r: { eventIds: string[] }) => r.eventIds);
      expect(evidence.filter((id: string) => !onTimeline.has(id))).toEqual([]);
    });
  });

  describe('relationship(supplierId, clientId)', () => {
    it('gives both views, the mutual fit and both parties’ profiles', async () => {
      const { data, error } = await as('party-initech').query(RELATIONSHIP, { supplierId: 'acme', clientId: 'globex' }).toPromise();

      expect(error).toBeUndefined();
      expect(data.relationship).toMatchObject({
        id: 'acme:globex',
        status: 'ACTIVE',
        supplier: { id: 'acme', identity: { name: 'Acme Consulting' } },
        client: { id: 'globex', identity: { name: 'Globex' } },
        supplierViewOfClient: { grade: 'A' },
        counts: { invoices: 36, referrals: 3, pendingFeedback: 1 },
        openDisputes: [],
      });
      expect(data.relationship.tenureDays).toBeGreaterThan(365 * 3);
      expect(data.relationship.clientViewOfSupplier).not.toBeNull();
      expect(data.relationship.mutualFit.score).toBeGreaterThan(0);
    });

    it('shows a dispute still open, unscored', async () => {
      const { data } = await as('party-acme').query(RELATIONSHIP, { supplierId: 'acme', clientId: 'initech' }).toPromise();

      expect(data.relationship.openDisputes).toEqual([{ disputeId: expect.any(String), raisedBy: 'initech', resolution: null }]);
      expect(data.relationship.counts.openDisputes).toBe(1);
    });
  });

  describe('hidden feedback', () => {
    const sealedOf = async (token: string) => {
      const result = await as(token).query(RELATIONSHIP, { supplierId: 'acme', clientId: 'globex' }).toPromise();
      return { relationship: result.data.relationship, raw: JSON.stringify(result.data) };
    };

    it('is shown with what it says to the party that wrote it', async () => {
      const { relationship } = await sealedOf('party-acme');

      expect(relationship.sealedFeedback).toEqual([
        { feedbackId: 'fb-acme-globex', by: 'acme', comment: stories.sealedComment, ratings: expect.arrayContaining([{ dimension: 'quality', stars: 4 }]) },
      ]);
    });

    it.each([
      ['the party it is about', 'party-globex'],
      ['a party outside the relationship', 'party-initech'],
      ['a partner integration, even one acting for its author', 'partner-ledgerly'],
    ])('is never shown to %s: only that it was submitted', async (_who, token) => {
      const { relationship, raw } = await sealedOf(token);

      expect(relationship.sealedFeedback).toEqual([]);
      expect(relationship.pendingFeedback).toEqual([{ feedbackId: 'fb-acme-globex', by: 'acme', about: 'globex' }]);
      expect(raw).not.toContain(stories.sealedComment);
    });

    it('is shown to an admin', async () => {
      const { relationship } = await sealedOf('admin-ops');

      expect(relationship.sealedFeedback).toEqual([expect.objectContaining({ feedbackId: 'fb-acme-globex', comment: stories.sealedComment })]);
    });

    it('once revealed, is read by everyone', async () => {
      const { data } = await as('party-acme').query(RELATIONSHIP, { supplierId: 'sueco', clientId: 'hooli' }).toPromise();

      expect(data.relationship.feedback).toEqual(
        expect.arrayContaining([expect.objectContaining({ feedbackId: 'fb-hooli-sueco', by: 'hooli', comment: stories.revealedComment })]),
      );
      expect(data.relationship.sealedFeedback).toEqual([]);
    });
  });

  describe('pagination', () => {
    it("pages a party's relationships, most recently active first, with a total", async () => {
      const page = gql`
        query ($after: String) {
          party(id: "acme") {
            relationships(first: 1, after: $after) {
              totalCount
              edges { cursor node { id } }
              pageInfo { hasNextPage hasPreviousPage endCursor }
            }
          }
        }
      `;
      const first = (await as('party-acme').query(page, {}).toPromise()).data.party.relationships;
      const second = (await as('party-acme').query(page, { after: first.pageInfo.endCursor }).toPromise()).data.party.relationships;

      expect(first).toMatchObject({ totalCount: 2, edges: [{ node: { id: 'acme:globex' } }], pageInfo: { hasNextPage: true, hasPreviousPage: false } });
      expect(second).toMatchObject({ edges: [{ node: { id: 'acme:initech' } }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    });

    it('walks a whole timeline page by page without a gap or a repeat, and resumes from a cursor inside a page', async () => {
      const all = (await as('party-acme').query(TIMELINE, { id: 'globex', first: 100 }).toPromise()).data as TimelinePage;
      const everything = all.party.timeline.edges.map((e) => e.node.eventId);
      expect(everything.length).toBeGreaterThan(40);
      expect(all.party.timeline.pageInfo.hasNextPage).toBe(false);

      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const data = (await as('party-acme').query(TIMELINE, { id: 'globex', first: 7, after }).toPromise()).data as TimelinePage;
        walked.push(...data.party.timeline.edges.map((e) => e.node.eventId));
        if (!data.party.timeline.pageInfo.hasNextPage) break;
        after = data.party.timeline.pageInfo.endCursor;
      }
      expect(walked).toEqual(everything);

      const third = all.party.timeline.edges[2].cursor;
      const resumed = (await as('party-acme').query(TIMELINE, { id: 'globex', first: 4, after: third }).toPromise()).data as TimelinePage;
      expect(resumed.party.timeline.edges.map((e) => e.node.eventId)).toEqual(everything.slice(3, 7));
    });

    it('names the counterparty of each relationship fact on a timeline', async () => {
      const data = (await as('party-acme').query(TIMELINE, { id: 'globex', first: 5 }).toPromise()).data as TimelinePage;

      expect(data.party.timeline.edges.every((e) => e.node.counterparty?.id === 'acme')).toBe(true);
    });
  });

  describe('rankings', () => {
    it('ranks clients by confidence-adjusted score, with their profiles', async () => {
      const { data, error } = await as('party-acme').query(RANKINGS, { role: 'CLIENT' }).toPromise();

      expect(error).toBeUndefined();
      expect(data.rankings.totalCount).toBe(3);
      expect(data.rankings.edges.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3]);
      expect(data.rankings.edges[0].node.id).toBe('globex');
      const scores = data.rankings.edges.map((e: { rankingScore: number }) => e.rankingScore);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // Once the embedded jobs have propagated trust, edges carry the trust-weighted score, which differs
      // from the profile's own (every rater counted alike); here both rank the same parties the same way.
      const profileScores = data.rankings.edges.map((e: { node: { asClient: { rankingScore: number } } }) => e.node.asClient.rankingScore);
      expect(profileScores).toEqual([...profileScores].sort((a, b) => b - a));
    });

    it('ranks within an industry or a region, spelt as the party wrote it', async () => {
      const retail = (await as('party-acme').query(RANKINGS, { role: 'CLIENT', industry: 'retail' }).toPromise()).data.rankings;
      const idf = (await as('party-acme').query(RANKINGS, { role: 'CLIENT', region: 'Île-de-France' }).toPromise()).data.rankings;
      const suppliers = (await as('party-acme').query(RANKINGS, { role: 'SUPPLIER', region: 'bretagne' }).toPromise()).data.rankings;

      expect(retail.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(['globex', 'initech']);
      expect(idf.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['globex']);
      expect(suppliers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['sueco']);
    });

    it('pages a ranking with ranks that carry on', async () => {
      const first = (await as('party-acme').query(RANKINGS, { role: 'CLIENT', first: 2 }).toPromise()).data.rankings;
      const rest = (await as('party-acme').query(RANKINGS, { role: 'CLIENT', first: 2, after: first.pageInfo.endCursor }).toPromise()).data.rankings;

      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(rest.edges.map((e: { rank: number }) => e.rank)).toEqual([3]);
      expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });
  });

  describe('screen(candidateId, criteria)', () => {
    const SCREEN = gql`
      query Screen($candidateId: ID!, $criteria: ScreeningCriteriaInput!) {
        screen(candidateId: $candidateId, criteria: $criteria) { candidateId role asOf passed reasons { criterion passed actual required text } }
      }
    `;

    it('lets the ideal client through the red velvet rope, criterion by criterion', async () => {
      const criteria = { role: 'CLIENT', minGrade: 'B', minComponents: [{ component: 'PUNCTUALITY', min: 0.7 }], maxOpenDisputes: 0 };
      const { data, error } = await as('party-acme').query(SCREEN, { candidateId: 'globex', criteria }).toPromise();

      expect(error).toBeUndefined();
      expect(data.screen).toMatchObject({ candidateId: 'globex', role: 'CLIENT', passed: true });
      expect(data.screen.reasons).toEqual([
        expect.objectContaining({ criterion: 'minGrade', passed: true, actual: 'A', required: 'B' }),
        expect.objectContaining({ criterion: 'minComponent.punctuality', passed: true, required: 0.7 }),
        expect.objectContaining({ criterion: 'maxOpenDisputes', passed: true, actual: 0, required: 0 }),
      ]);
    });

    it('keeps out a late payer with an open dispute, and a supplier flagged for retaliation', async () => {
      const late = (await as('party-acme').query(SCREEN, { candidateId: 'initech', criteria: { role: 'CLIENT', minGrade: 'B', maxOpenDisputes: 0 } }).toPromise()).data;
      const sued = (await as('party-hooli').query(SCREEN, { candidateId: 'sueco', criteria: { role: 'SUPPLIER', noRetaliationFlag: true, noLegalActionWithinMonths: 24 } }).toPromise()).data;

      expect(late.screen.passed).toBe(false);
      expect(late.screen.reasons.filter((r: { passed: boolean }) => !r.passed).map((r: { criterion: string }) => r.criterion)).toContain('maxOpenDisputes');
      expect(sued.screen).toMatchObject({ passed: false, reasons: expect.arrayContaining([expect.objectContaining({ criterion: 'noRetaliationFlag', passed: false, actual: true })]) });
    });
  });

  describe('me', () => {
    const ME = gql`
      query { me { kind credentialId partyId partnerId grantedParties grantedEventTypes name party { id identity { name } } } }
    `;

    it('is a party with its own profile', async () => {
      const { data } = await as('party-acme').query(ME, {}).toPromise();

      expect(data.me).toEqual({
        kind: 'PARTY', credentialId: 'cred-acme', partyId: 'acme', partnerId: null, grantedParties: null, grantedEventTypes: null, name: null,
        party: { id: 'acme', identity: { name: 'Acme Consulting' } },
      });
    });

    it('is a partner integration with its grants, or an admin by name, with no profile', async () => {
      const partner = (await as('partner-ledgerly').query(ME, {}).toPromise()).data.me;
      const admin = (await as('admin-ops').query(ME, {}).toPromise()).data.me;

      expect(partner).toMatchObject({ kind: 'PARTNER', partnerId: 'ledgerly', grantedParties: ['acme'], grantedEventTypes: ['InvoicePaid'], party: null });
      expect(admin).toMatchObject({ kind: 'ADMIN', name: 'ops', partyId: null, party: null });
    });
  });
});
