import { IdempotencyKeyReusedError, type Principal } from '#libs/access';
import { relationshipStreamId, RelationshipsModule, type RelationshipCommandInput } from '../..';
import { ADAPTERS, aParty, asParty, asPartner, readStream, refusalOf, startCommandApp, useCommandApp } from '../../../../access/test/command-app';
import { RecordRelationshipFact } from './record-relationship-fact';

describe.each(ADAPTERS)('retries and concurrent commands on a relationship (%s)', (_adapter, openStore) => {
  const suite = useCommandApp(openStore, [RelationshipsModule]);
  let supplier: string;
  let client: string;
  let streamId: string;

  beforeEach(() => {
    supplier = aParty('acme');
    client = aParty('globex');
    streamId = relationshipStreamId(supplier, client);
  });

  const invoice = (invoiceId: string, amount = 1200): RelationshipCommandInput => ({
    type: 'RecordInvoicePaid',
    data: { supplierId: supplier, clientId: client, invoiceId, amount, currency: 'EUR', dueAt: '2026-02-28T00:00:00Z', paidAt: '2026-02-27T00:00:00Z' },
  });
  const record = (principal: Principal, command: RelationshipCommandInput, options: { idempotencyKey?: string; onBehalfOf?: string } = {}) =>
    suite.app.commandBus.execute(new RecordRelationshipFact(principal, { command, ...options }));

  describe('with an idempotency key', () => {
    it('records once and answers a retry exactly what it answered the first time, marked replayed', async () => {
      const first = await record(asParty(supplier), invoice('i1'), { idempotencyKey: 'req-1' });
      suite.app.clock.set('2026-03-02T08:00:00.000Z');
      const retry = await record(asParty(supplier), invoice('i1'), { idempotencyKey: 'req-1' });

      expect(retry).toEqual({ ...first, replayed: true });
      expect(first.replayed).toBe(false);
      expect(await readStream(suite.store, streamId)).toHaveLength(1);
    });

    it('answers the original even after later facts moved the stream on', async () => {
      const first = await record(asParty(supplier), invoice('i1'), { idempotencyKey: 'req-1' });
      await record(asParty(supplier), invoice('i2'));
      expect(await record(asParty(supplier), invoice('i1'), { idempotencyKey: 'req-1' })).toEqual({ ...first, replayed: true });
    });

    it('refuses the same key with another request as a conflict, recording nothing', async () => {
      await record(asParty(supplier), invoice('i1'), { idempotencyKey: 'req-1' });
      const error = await refusalOf(record(asParty(supplier), invoice('i2'), { idempotencyKey: 'req-1' }));

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(error).toMatchObject({ kind: 'conflict', code: 'IDEMPOTENCY.KEY_REUSED' });
      expect(await readStream(suite.store, streamId)).toHaveLength(1);
    });

    it('keeps one sender’s keys apart from another’s', async () => {
      const mine = await record(asParty(supplier), invoice('i1'), { idempotencyKey: 'shared' });
      const theirs = await record(asPartner('ledgerly', [supplier]), invoice('i2'), { idempotencyKey: 'shared', onBehalfOf: supplier });
      expect(theirs.replayed).toBe(false);
      expect(theirs.eventIds).not.toEqual(mine.eventIds);
    });

    it('stores the key and a hash of the request with the event', async () => {
      await record(asParty(supplier), invoice('i1'), { idempotencyKey: 'req-1' });
      const [stored] = await readStream(suite.store, streamId);
      expect(stored.metadata.idempotency).toEqual({ key: 'req-1', request: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it('records once when duplicates race each other', async () => {
      const answers = await Promise.all(Array.from({ length: 5 }, () => record(asParty(supplier), invoice('i1'), { idempotencyKey: 'req-1' })));
      expect(new Set(answers.map((a) => a.eventIds[0])).size).toBe(1);
      expect(await readStream(suite.store, streamId)).toHaveLength(1);
    });

    it('refuses an empty key', async () => {
      expect(await refusalOf(record(asParty(supplier), invoice('i1'), { idempotencyKey: '' }))).toMatchObject({ code: 'IDEMPOTENCY.INVALID_KEY' });
    });
  });

  it('records a retry without a key again: the client gave no way to tell it from a new request', async () => {
    await record(asParty(supplier), invoice('i1'));
    await record(asParty(supplier), invoice('i2'));
    expect(await readStream(suite.store, streamId)).toHaveLength(2);
  });

  it('lands every one of 10 concurrent commands on one stream from two processes, retrying on the conflicts', async () => {
    const other = await startCommandApp(suite.store, [RelationshipsModule]);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? suite.app : other).commandBus.execute(new RecordRelationshipFact(asParty(supplier), { command: invoice(`i${i}`) }))),
    ).finally(() => other.close());

    expect(answers.map((a) => a.revision).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    const stored = await readStream(suite.store, streamId);
    expect(stored.map((e) => e.data.invoiceId).sort()).toEqual([...Array(10).keys()].map((i) => `i${i}`).sort());
    expect(stored.map((e) => e.id).sort()).toEqual(answers.flatMap((a) => a.eventIds).sort());
  });
});
