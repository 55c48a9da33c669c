import { type Client, gql } from '@urql/core';
import { CREDENTIALS_ON_THE_EVENT_STORE, startApi, type RunningApi } from './support/api-harness';
import { between, codeOf, daysAgo, eventsOf, recorded, statusOf, write } from './support/writes';

const PARTY = gql`
  query ($id: ID!) { party(id: $id) { id asClient { grade } } }
`;

const FEEDBACK = gql`
  query { relationship(supplierId: "acme", clientId: "globex") { pendingFeedback { feedbackId by } sealedFeedback { feedbackId comment } feedback { feedbackId } } }
`;

const SECRET_COMMENT = 'They argue every invoice';
const pair = between('acme', 'globex');
const invoice = (invoiceId: string) => ({ ...pair, invoiceId, amount: 500, currency: 'EUR', dueAt: daysAgo(30), paidAt: daysAgo(31) });

/**
 * Who may read, write and see sealed feedback: a party (acme, globex; initech outside their
 * relationship), a partner integration granted acme and invoices, an admin, and no one at all.
 */
describe('the authorization matrix', () => {
  let api: RunningApi;
  const as: Record<'acme' | 'globex' | 'initech' | 'partner' | 'admin' | 'anonymous', Client> = {} as never;

  beforeAll(async () => {
    api = await startApi(CREDENTIALS_ON_THE_EVENT_STORE);
    for (const party of ['acme', 'globex', 'initech'] as const) as[party] = api.client(await api.issue({ kind: 'party', partyId: party }));
    as.partner = api.client(await api.issue({ kind: 'partner', partnerId: 'ledgerly', parties: ['acme'], eventTypes: ['InvoicePaid'] }));
    as.admin = api.client(await api.issue({ kind: 'admin', name: 'ops' }));
    as.anonymous = api.client(null);
    await recorded(as.acme, 'startEngagement', { ...pair, engagementId: 'e1', paymentTermsDays: 30, startedAt: daysAgo(100) });
    await recorded(as.acme, 'recordInvoicePaid', invoice('inv-0'), { waitForProjection: true });
  });

  afterAll(() => api?.close());

  describe('read', () => {
    it.each(['acme', 'initech', 'partner', 'admin'] as const)('lets %s read any public profile', async (who) => {
      const { data, error } = await as[who].query(PARTY, { id: 'globex' }).toPromise();

      expect(error).toBeUndefined();
      expect(data.party).toMatchObject({ id: 'globex', asClient: { grade: expect.any(String) } });
    });

    it('answers no one without a token: UNAUTHENTICATED, HTTP 401', async () => {
      const { data, error } = await as.anonymous.query(PARTY, { id: 'globex' }).toPromise();

      expect(data).toBeUndefined();
      expect(statusOf(error)).toBe(401);
      expect(codeOf(error)).toEqual({ code: 'UNAUTHENTICATED', domainCode: 'AUTH.CREDENTIAL_MISSING' });
    });
  });

  describe('write', () => {
    it('lets a party record in its own relationship, self-reported', async () => {
      const answer = await recorded(as.acme, 'recordInvoicePaid', invoice('inv-1'));

      const event = (await eventsOf(api.store, answer.streamId)).find((e) => e.id === answer.eventIds[0]);
      expect(event?.metadata).toMatchObject({ recordedBy: 'acme', source: 'party', attested: false });
    });

    it('never lets a party record in a relationship it is not part of', async () => {
      const { recorded: answer, error } = await write(as.initech, 'recordInvoicePaid', invoice('inv-x'));

      expect(answer).toBeNull();
      expect(codeOf(error)).toEqual({ code: 'FORBIDDEN', domainCode: 'RELATIONSHIP.NOT_A_PARTY' });
    });

    it('never lets a party act for another party', async () => {
      const { error } = await write(as.acme, 'raiseDispute', { ...pair, disputeId: 'd', raisedBy: 'globex', reason: 'x' }, { onBehalfOf: 'globex' });

      expect(codeOf(error)).toEqual({ code: 'FORBIDDEN', domainCode: 'ACCESS.PARTY_OUT_OF_SCOPE' });
    });

    it('never lets a party record praise of itself alone (a client reporting its own payment)', async () => {
      const { error } = await write(as.globex, 'recordInvoicePaid', invoice('inv-self'));

      expect(codeOf(error)).toEqual({ code: 'FORBIDDEN', domainCode: 'RELATIONSHIP.RECORDER_NOT_ALLOWED' });
    });

    it('lets a partner record its granted event types for its granted party, attested', async () => {
      const answer = await recorded(as.partner, 'recordInvoicePaid', invoice('inv-p'), { onBehalfOf: 'acme' });

      const event = (await eventsOf(api.store, answer.streamId)).find((e) => e.id === answer.eventIds[0]);
      expect(event?.metadata).toMatchObject({ recordedBy: 'acme', source: 'partner:ledgerly', attested: true });
    });

    it.each([
      ['for a party it was not granted', 'recordInvoicePaid', invoice('inv-g'), 'globex', { code: 'FORBIDDEN', domainCode: 'ACCESS.PARTY_OUT_OF_SCOPE' }],
      ['an event type it was not granted', 'raiseDispute', { ...pair, disputeId: 'd', raisedBy: 'acme', reason: 'x' }, 'acme', { code: 'FORBIDDEN', domainCode: 'ACCESS.EVENT_TYPE_OUT_OF_SCOPE' }],
      ['without naming the party it acts for', 'recordInvoicePaid', invoice('inv-n'), undefined, { code: 'BAD_USER_INPUT', domainCode: 'ACCESS.ON_BEHALF_OF_REQUIRED' }],
    ] as const)('refuses a partner writing %s', async (_case, name, input, onBehalfOf, expected) => {
      const { recorded: answer, error } = await write(as.partner, name, input, onBehalfOf ? { onBehalfOf } : {});

      expect(answer).toBeNull();
      expect(codeOf(error)).toEqual(expected);
    });

    it('lets an admin onboard a party, acting as the system, but never record in a relationship', async () => {
      const registered = await recorded(as.admin, 'registerParty', { partyId: 'newco', name: 'NewCo', roles: ['CLIENT'], industry: 'Retail', region: 'Bretagne' });
      const { error } = await write(as.admin, 'recordInvoicePaid', invoice('inv-a'));

      expect((await eventsOf(api.store, registered.streamId))[0].metadata).toMatchObject({ recordedBy: 'system', source: 'system' });
      expect(codeOf(error)).toEqual({ code: 'FORBIDDEN', domainCode: 'RELATIONSHIP.NOT_A_PARTY' });
    });

    it("never lets a party manage another party's profile", async () => {
      const { error } = await write(as.acme, 'updatePartyProfile', { partyId: 'newco', name: 'Mine now' });

      expect(codeOf(error)).toEqual({ code: 'FORBIDDEN', domainCode: 'PARTY.NOT_ALLOWED' });
    });

    it('refuses every write without a token: UNAUTHENTICATED, HTTP 401, nothing recorded', async () => {
      const before = (await eventsOf(api.store, 'relationship-acme-globex')).length;
      const { error } = await write(as.anonymous, 'recordInvoicePaid', invoice('inv-anon'));

      expect(statusOf(error)).toBe(401);
      expect(codeOf(error)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await eventsOf(api.store, 'relationship-acme-globex')).toHaveLength(before);
    });
  });

  describe('hidden feedback', () => {
    beforeAll(async () => {
      await recorded(as.acme, 'submitFeedback', { ...pair, engagementId: 'e1', feedbackId: 'fb-acme', by: 'acme', about: 'globex', ratings: [{ dimension: 'FAIRNESS', stars: 2 }], comment: SECRET_COMMENT }, { waitForProjection: true });
    });

    it('shows sealed feedback with what it says to the party that wrote it', async () => {
      const { data } = await as.acme.query(FEEDBACK, {}).toPromise();

      expect(data.relationship.sealedFeedback).toEqual([{ feedbackId: 'fb-acme', comment: SECRET_COMMENT }]);
    });

    it.each(['globex', 'initech', 'partner'] as const)('never shows it to %s: only that it was submitted', async (who) => {
      const { data } = await as[who].query(FEEDBACK, {}).toPromise();

      expect(data.relationship).toEqual({ pendingFeedback: [{ feedbackId: 'fb-acme', by: 'acme' }], sealedFeedback: [], feedback: [] });
      expect(JSON.stringify(data)).not.toContain(SECRET_COMMENT);
    });

    it('shows it to an admin', async () => {
      const { data } = await as.admin.query(FEEDBACK, {}).toPromise();

      expect(data.relationship.sealedFeedback).toEqual([{ feedbackId: 'fb-acme', comment: SECRET_COMMENT }]);
    });

    it('never lets a party submit feedback in the name of another', async () => {
      const { error } = await write(as.acme, 'submitFeedback', { ...pair, engagementId: 'e1', feedbackId: 'fb-forged', by: 'globex', about: 'acme', ratings: [{ dimension: 'QUALITY', stars: 5 }] });

      expect(codeOf(error)).toEqual({ code: 'FORBIDDEN', domainCode: 'RELATIONSHIP.RECORDER_NOT_ALLOWED' });
    });
  });

  describe('credentials', () => {
    const CREATE = gql`
      mutation ($input: CreateCredentialInput!) { createCredential(input: $input) { credentialId secret kind partyId partnerId parties eventTypes name issuedAt } }
    `;
    const REVOKE = gql`
      mutation ($id: ID!) { revokeCredential(id: $id) { credentialId revoked } }
    `;
    const LIST = gql`
      query { credentials { credentialId kind partyId revokedAt } }
    `;
    const ME = gql`
      query { me { kind partyId } }
    `;

    it.each(['acme', 'partner'] as const)('are managed by admins only: FORBIDDEN to %s', async (who) => {
      const created = await as[who].mutation(CREATE, { input: { kind: 'ADMIN', name: 'me' } }).toPromise();
      const revoked = await as[who].mutation(REVOKE, { id: '0123456789abcdef01234567' }).toPromise();
      const listed = await as[who].query(LIST, {}).toPromise();

      for (const { error } of [created, revoked, listed]) expect(codeOf(error)).toEqual({ code: 'FORBIDDEN', domainCode: 'ACCESS.ADMIN_ONLY' });
    });

    it('lets an admin issue a token that works at once, and revoke it so that the very next request fails', async () => {
      const { data } = await as.admin.mutation(CREATE, { input: { kind: 'PARTY', partyId: 'initech' } }).toPromise();
      const issued = data.createCredential;
      const holder = api.client(issued.secret);

      expect(issued).toMatchObject({ kind: 'PARTY', partyId: 'initech', partnerId: null, secret: expect.stringMatching(/^rpt_/) });
      expect((await holder.query(ME, {}).toPromise()).data.me).toEqual({ kind: 'PARTY', partyId: 'initech' });

      const revocation = await as.admin.mutation(REVOKE, { id: issued.credentialId }).toPromise();
      const next = await holder.query(ME, {}).toPromise();

      expect(revocation.data.revokeCredential).toEqual({ credentialId: issued.credentialId, revoked: true });
      expect(statusOf(next.error)).toBe(401);
      expect(codeOf(next.error)).toEqual({ code: 'UNAUTHENTICATED', domainCode: 'AUTH.CREDENTIAL_INVALID' });
      const listed = (await as.admin.query(LIST, {}).toPromise()).data.credentials;
      expect(listed.find((c: { credentialId: string }) => c.credentialId === issued.credentialId)).toMatchObject({ revokedAt: expect.any(String) });
    });

    it('issues a partner token scoped to its parties and event types (all when none are listed)', async () => {
      const { data } = await as.admin.mutation(CREATE, { input: { kind: 'PARTNER', partnerId: 'crm_sync', parties: ['acme', 'globex'] } }).toPromise();

      expect(data.createCredential).toMatchObject({ kind: 'PARTNER', partnerId: 'crm_sync', parties: ['acme', 'globex'], eventTypes: null });
    });

    it('answers BAD_USER_INPUT for a grant that does not hold, NOT_FOUND for a credential no one issued', async () => {
      const bad = await as.admin.mutation(CREATE, { input: { kind: 'PARTY', partyId: 'Not An Id' } }).toPromise();
      const unknown = await as.admin.mutation(REVOKE, { id: '0123456789abcdef01234567' }).toPromise();

      expect(codeOf(bad.error)).toEqual({ code: 'BAD_USER_INPUT', domainCode: 'ACCESS.INVALID_GRANT', issues: [{ path: 'input.partyId', message: expect.any(String) }] });
      expect(codeOf(unknown.error)).toEqual({ code: 'NOT_FOUND', domainCode: 'ACCESS.CREDENTIAL_NOT_FOUND' });
    });
  });
});
