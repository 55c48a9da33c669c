import { EventTypeOutOfScopeError, IdempotencyKeyReusedError } from '#libs/access';
import { CommandValidationError } from '#libs/shared-kernel';
import {
  EngagementNotFoundError,
  relationshipCatalogue,
  relationshipStreamId,
  RelationshipsModule,
  type RelationshipFactInput,
} from '../..';
import { ADAPTERS, aParty, asPartner, readStream, refusalOf, useCommandApp } from '../../../../access/test/command-app';
import { RecordRelationshipFact } from './record-relationship-fact';
import { RecordRelationshipFacts } from './record-relationship-facts';

describe.each(ADAPTERS)('recording a batch of facts in one relationship (%s)', (_adapter, openStore) => {
  const suite = useCommandApp(openStore, [RelationshipsModule]);
  let supplier: string;
  let client: string;
  let streamId: string;

  beforeEach(() => {
    supplier = aParty('acme');
    client = aParty('globex');
    streamId = relationshipStreamId(supplier, client);
  });

  const partner = () => asPartner('ledgerly', [supplier, client], ['EngagementStarted', 'InvoicePaid', 'EngagementEnded']);
  const started = (externalId?: string, engagementId = 'e1'): RelationshipFactInput => ({
    command: { type: 'StartEngagement', data: { supplierId: supplier, clientId: client, engagementId, paymentTermsDays: 30 } },
    onBehalfOf: supplier,
    idempotencyKey: externalId,
  });
  const paid = (externalId?: string, invoiceId = 'i1', engagementId = 'e1'): RelationshipFactInput => ({
    command: {
      type: 'RecordInvoicePaid',
      data: { supplierId: supplier, clientId: client, engagementId, invoiceId, amount: 500, currency: 'EUR', dueAt: '2026-02-28T00:00:00Z', paidAt: '2026-02-27T00:00:00Z' },
    },
    onBehalfOf: client,
    idempotencyKey: externalId,
  });
  const ended = (externalId?: string, engagementId = 'e1'): RelationshipFactInput => ({
    command: { type: 'EndEngagement', data: { supplierId: supplier, clientId: client, engagementId, endedBy: client, reason: 'done', amicable: true, handoverArranged: false } },
    onBehalfOf: client,
    idempotencyKey: externalId,
  });
  const batch = (facts: RelationshipFactInput[]) =>
    suite.app.commandBus.execute(new RecordRelationshipFacts(partner(), { supplierId: supplier, clientId: client }, facts));

  it('decides each fact against the state the earlier ones leave and appends them together', async () => {
    const outcome = await batch([started('x1'), paid('x2'), ended('x3')]);

    expect(outcome.status).toBe('recorded');
    if (outcome.status !== 'recorded') return;
    expect(outcome.facts.map((f) => f.revision)).toEqual([0, 1, 2]);
    const stored = await readStream(suite.store, streamId);
    expect(stored.map((e) => e.id)).toEqual(outcome.facts.flatMap((f) => f.eventIds));
    expect(outcome.facts.map((f) => f.position)).toEqual(stored.map((e) => `${e.position.commit}/${e.position.prepare}`));
    expect(new Set(stored.map((e) => e.metadata.correlationId)).size).toBe(1);
  });

  it('records nothing of the stream when one fact is refused, and names that fact and its error', async () => {
    const outcome = await batch([started('x1'), ended('x2', 'e2'), paid('x3')]);

    expect(outcome).toEqual({ status: 'refused', streamId, refusals: [{ index: 1, error: expect.any(EngagementNotFoundError) }] });
    expect(await readStream(suite.store, streamId)).toEqual([]);
  });

  it('names every refused fact: refused for who sends it, and refused by the domain', async () => {
    const delivery: RelationshipFactInput = {
      command: { type: 'RecordDelivery', data: { supplierId: supplier, clientId: client, deliveryId: 'd1', dueAt: '2026-02-20T00:00:00Z', deliveredAt: '2026-02-19T00:00:00Z' } },
      onBehalfOf: client,
    };
    const outcome = await batch([delivery, started(), ended(undefined, 'e2')]);

    expect(outcome.status === 'refused' && outcome.refusals.map((r) => [r.index, r.error.constructor])).toEqual([
      [0, EventTypeOutOfScopeError],
      [2, EngagementNotFoundError],
    ]);
    expect(await readStream(suite.store, streamId)).toEqual([]);
  });

  it('refuses a fact naming another relationship rather than recording it elsewhere', async () => {
    const elsewhere = started();
    const stray = { ...elsewhere, command: { ...elsewhere.command, data: { ...elsewhere.command.data, clientId: aParty('initech') } } } as RelationshipFactInput;
    const outcome = await batch([stray]);
    expect(outcome.status === 'refused' && outcome.refusals[0]).toMatchObject({ index: 0, error: { code: 'RELATIONSHIP.INVALID_COMMAND' } });
  });

  it('answers a retried batch from what the first one recorded, and records only what is new', async () => {
    const first = await batch([started('x1'), paid('x2')]);
    const retry = await batch([started('x1'), paid('x2'), paid('x3', 'i2')]);

    expect(first.status === 'recorded' && retry.status === 'recorded').toBe(true);
    if (first.status !== 'recorded' || retry.status !== 'recorded') return;
    expect(retry.facts.slice(0, 2)).toEqual(first.facts.map((f) => ({ ...f, replayed: true })));
    expect(retry.facts[2]).toMatchObject({ revision: 2, replayed: false });
    expect(await readStream(suite.store, streamId)).toHaveLength(3);
  });

  it('answers a single fact retried under a key a batch used', async () => {
    const first = await batch([started('x1')]);
    const retry = await suite.app.commandBus.execute(new RecordRelationshipFact(partner(), started('x1')));
    expect(first.status === 'recorded' && retry).toEqual(first.status === 'recorded' && { ...first.facts[0], replayed: true });
  });

  it('refuses a key the batch itself uses twice', async () => {
    const outcome = await batch([started('x1'), paid('x1')]);
    expect(outcome.status === 'refused' && outcome.refusals[0]).toMatchObject({ index: 1, error: { code: 'IDEMPOTENCY.KEY_REPEATED' } });
  });

  it('refuses an external id reused for another fact', async () => {
    await batch([started('x1')]);
    const outcome = await batch([paid('x1')]);
    expect(outcome.status === 'refused' && outcome.refusals[0].error).toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('refuses an empty batch', async () => {
    expect(await refusalOf(batch([]))).toBeInstanceOf(CommandValidationError);
  });

  describe('parsed by the transport already', () => {
    /** As gRPC ingestion sends them: each command parsed with the catalogue on the transport's path. */
    const parsed = (fact: RelationshipFactInput): RelationshipFactInput => {
      const context = { now: '2026-03-01T12:00:00Z', actor: { kind: 'system' as const }, correlationId: 'transport' };
      const { type, data } = relationshipCatalogue.parse({ ...fact.command, ...context });
      return { ...fact, command: { type, data } as RelationshipFactInput['command'] };
    };

    it('records as if the handler had parsed them, under the same request hashes', async () => {
      const recorded = await batch([started('x1'), paid('x2')].map(parsed));
      const retry = await batch([started('x1'), paid('x2')]);

      expect(recorded.status === 'recorded' && recorded.facts.map((f) => f.revision)).toEqual([0, 1]);
      expect(retry.status === 'recorded' && retry.facts).toEqual(recorded.status === 'recorded' && recorded.facts.map((f) => ({ ...f, replayed: true })));
    });

    it('still checks the grant, the relationship and the domain, naming each refused fact', async () => {
      const delivery: RelationshipFactInput = {
        command: { type: 'RecordDelivery', data: { supplierId: supplier, clientId: client, deliveryId: 'd1', dueAt: '2026-02-20T00:00:00Z', deliveredAt: '2026-02-19T00:00:00Z' } },
        onBehalfOf: client,
      };
      const outcome = await batch([delivery, started(), ended(undefined, 'e2')].map(parsed));

      expect(outcome.status === 'refused' && outcome.refusals.map((r) => [r.index, r.error.constructor])).toEqual([
        [0, EventTypeOutOfScopeError],
        [2, EngagementNotFoundError],
      ]);
      expect(await readStream(suite.store, streamId)).toEqual([]);
    });
  });
});
