import { Metadata, status } from '@grpc/grpc-js';
import { Event, type EventResult } from '../src/generated/rapport/ingestion/v1/ingestion';
import {
  bearer,
  CLIENT,
  disputeResolved,
  engagementStarted,
  failureOf,
  invoicePaid,
  OTHER_CLIENT,
  recordEvents,
  startHarness,
  SUPPLIER,
  type Harness,
} from './ingestion-e2e-support';

const accepted = (result: EventResult) => {
  if (result.outcome?.$case !== 'accepted') throw new Error(`expected ${result.externalId} accepted, got ${JSON.stringify(result.outcome)}`);
  return result.outcome.value;
};
const rejected = (result: EventResult) => {
  if (result.outcome?.$case !== 'rejected') throw new Error(`expected ${result.externalId} rejected, got ${JSON.stringify(result.outcome)}`);
  return result.outcome.value;
};

describe('RecordEvents', () => {
  let h: Harness;
  let secret: string;
  const keysStored = async () => (await h.relationshipEvents()).map((e) => (e.metadata.idempotency as { key: string }).key);

  beforeAll(async () => {
    h = await startHarness();
    secret = (await h.issueKey()).secret;
  });
  afterAll(() => h.close());

  it('records a batch across relationships, one result per event in order, attested as the partner', async () => {
    const events = [invoicePaid('a1'), invoicePaid('a2', 'a2', { clientId: OTHER_CLIENT }), engagementStarted('a3', 'eng-a3')];

    const { results } = await recordEvents(h.client, { events }, bearer(secret));

    expect(results.map((r) => [r.externalId, accepted(r).streamId, accepted(r).revision, accepted(r).replayed])).toEqual([
      ['a1', `relationship-${SUPPLIER}-${CLIENT}`, 0, false],
      ['a2', `relationship-${SUPPLIER}-${OTHER_CLIENT}`, 0, false],
      ['a3', `relationship-${SUPPLIER}-${CLIENT}`, 1, false],
    ]);
    const stored = await h.relationshipEvents();
    expect(stored.map((e) => e.id).sort()).toEqual(results.flatMap((r) => accepted(r).eventIds).sort());
    expect(stored.every((e) => e.metadata.source === 'partner:books_co' && e.metadata.attested === true && e.metadata.recordedBy === SUPPLIER)).toBe(true);
  });

  it('answers a retry with the original results, replayed, and records nothing new', async () => {
    const events = [invoicePaid('b1'), invoicePaid('b2')];
    const first = await recordEvents(h.client, { events }, bearer(secret));
    const before = (await h.relationshipEvents()).length;

    const retry = await recordEvents(h.client, { events }, bearer(secret));

    expect(retry.results.map((r) => accepted(r).replayed)).toEqual([true, true]);
    expect(retry.results.map((r) => ({ ...accepted(r), replayed: false }))).toEqual(first.results.map((r) => accepted(r)));
    expect((await h.relationshipEvents()).length).toBe(before);
  });

  it('records each relationship all-or-nothing and says which events were refused and why', async () => {
    const events = [invoicePaid('c1'), disputeResolved('c2', 'no-such-dispute'), invoicePaid('c3', 'c3', { clientId: OTHER_CLIENT })];

    const { results } = await recordEvents(h.client, { events }, bearer(secret));

    expect(rejected(results[0])).toMatchObject({ statusCode: status.ABORTED, code: 'INGESTION.RELATIONSHIP_BATCH_ABORTED' });
    expect(rejected(results[0]).message).toContain('events[1] (external id c2)');
    expect(rejected(results[1])).toMatchObject({ statusCode: status.NOT_FOUND, code: 'RELATIONSHIP.DISPUTE_NOT_FOUND' });
    expect(accepted(results[2]).replayed).toBe(false);
    const keys = await keysStored();
    expect(keys).toContain('c3');
    expect(keys).not.toContain('c1');
  });

  it('refuses a conflicting fact as FAILED_PRECONDITION and a fact by a party outside the relationship as PERMISSION_DENIED', async () => {
    await recordEvents(h.client, { events: [invoicePaid('d1', 'inv-d', {}, 100)] }, bearer(secret));

    const { results } = await recordEvents(
      h.client,
      { events: [invoicePaid('d2', 'inv-d', {}, 200), invoicePaid('d3', 'inv-d3', { supplierId: CLIENT, clientId: OTHER_CLIENT, onBehalfOf: SUPPLIER })] },
      bearer(secret),
    );

    expect(rejected(results[0])).toMatchObject({ statusCode: status.FAILED_PRECONDITION, code: 'RELATIONSHIP.INVOICE_ALREADY_RECORDED' });
    expect(rejected(results[1])).toMatchObject({ statusCode: status.PERMISSION_DENIED, code: 'RELATIONSHIP.NOT_A_PARTY' });
  });

  it('refuses an external id reused for another event', async () => {
    await recordEvents(h.client, { events: [invoicePaid('e1', 'inv-e1')] }, bearer(secret));

    const { results } = await recordEvents(h.client, { events: [invoicePaid('e1', 'inv-e1-other')] }, bearer(secret));

    expect(rejected(results[0])).toMatchObject({ statusCode: status.FAILED_PRECONDITION, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  describe('fails the whole call, recording nothing', () => {
    it('with UNAUTHENTICATED without a key, with an unknown key and with a revoked key', async () => {
      const revoked = await h.issueKey();
      await h.revoke(revoked.credentialId);
      const unknown = `rpt_${'0'.repeat(24)}_${'A'.repeat(43)}`;

      for (const metadata of [new Metadata(), bearer(unknown), bearer(revoked.secret), bearer('not-a-key')]) {
        const error = await failureOf(recordEvents(h.client, { events: [invoicePaid('f1')] }, metadata));
        expect(error.code).toBe(status.UNAUTHENTICATED);
        expect(error.metadata.get('rapport-error-code')).toEqual(['INGESTION.UNAUTHENTICATED']);
      }
      expect(await keysStored()).not.toContain('f1');
    });

    it('accepts the key as x-api-key too', async () => {
      const metadata = new Metadata();
      metadata.set('x-api-key', secret);
      const { results } = await recordEvents(h.client, { events: [invoicePaid('f2')] }, metadata);
      expect(accepted(results[0]).replayed).toBe(false);
    });

    it('with INVALID_ARGUMENT naming every field at fault by its proto path', async () => {
      const bad = Event.fromPartial({
        externalId: 'g2',
        supplierId: 'ACME!',
        clientId: CLIENT,
        onBehalfOf: SUPPLIER,
        kind: { $case: 'invoicePaid', value: { invoiceId: 'g2', amount: -5, currency: 'euro', dueAt: '2026-03-01T00:00:00Z' } },
      });
      const noKind = Event.fromPartial({ externalId: 'g3', supplierId: SUPPLIER, clientId: CLIENT, onBehalfOf: SUPPLIER });

      const error = await failureOf(recordEvents(h.client, { events: [invoicePaid('g1'), bad, noKind] }, bearer(secret)));

      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.metadata.get('rapport-error-code')).toEqual(['INGESTION.INVALID_EVENT']);
      for (const field of ['events[1].supplier_id', 'events[1].invoice_paid.amount', 'events[1].invoice_paid.currency', 'events[1].invoice_paid.paid_at', 'events[2].kind']) {
        expect(error.details).toContain(`${field}:`);
      }
      expect(await keysStored()).not.toContain('g1');
    });

    it('with INVALID_ARGUMENT for an empty batch, more than 1,000 events or an external id sent twice', async () => {
      const tooMany = Array.from({ length: 1001 }, (_, i) => invoicePaid(`h${i}`));
      for (const events of [[], tooMany, [invoicePaid('h1'), invoicePaid('h1')]]) {
        const error = await failureOf(recordEvents(h.client, { events }, bearer(secret)));
        expect(error.code).toBe(status.INVALID_ARGUMENT);
      }
      expect(await keysStored()).not.toContain('h1');
    });

    it('with PERMISSION_DENIED for a party outside the key’s scope, even for the events within it', async () => {
      const narrow = await h.issueKey({ parties: [SUPPLIER] });

      const error = await failureOf(
        recordEvents(h.client, { events: [invoicePaid('i1'), invoicePaid('i2', 'i2', { onBehalfOf: CLIENT })] }, bearer(narrow.secret)),
      );

      expect(error.code).toBe(status.PERMISSION_DENIED);
      expect(error.details).toContain('events[1]');
      expect(error.metadata.get('rapport-error-code')).toEqual(['ACCESS.PARTY_OUT_OF_SCOPE']);
      expect(await keysStored()).not.toContain('i1');
    });

    it('with PERMISSION_DENIED for a kind of event outside the key’s scope, and for a key that is not a partner’s', async () => {
      const invoicesOnly = await h.issueKey({ eventTypes: ['InvoicePaid'] });
      const party = await h.credentials.issue({ kind: 'party', partyId: SUPPLIER });

      const outOfKind = await failureOf(recordEvents(h.client, { events: [engagementStarted('j1', 'eng-j1')] }, bearer(invoicesOnly.secret)));
      const notPartner = await failureOf(recordEvents(h.client, { events: [invoicePaid('j2')] }, bearer(party.secret)));

      expect([outOfKind.code, notPartner.code]).toEqual([status.PERMISSION_DENIED, status.PERMISSION_DENIED]);
      expect(outOfKind.metadata.get('rapport-error-code')).toEqual(['ACCESS.EVENT_TYPE_OUT_OF_SCOPE']);
      expect(notPartner.metadata.get('rapport-error-code')).toEqual(['INGESTION.NOT_A_PARTNER_KEY']);
    });
  });
});
