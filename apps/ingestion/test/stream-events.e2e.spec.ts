import { status } from '@grpc/grpc-js';
import { Event } from '../src/generated/rapport/ingestion/v1/ingestion';
import { bearer, CLIENT, engagementStarted, invoicePaid, openStream, startHarness, SUPPLIER, type Harness } from './ingestion-e2e-support';

const outcomes = (acks: { sequence: number; result?: { externalId: string; outcome?: { $case: string; value: object } } }[]) =>
  acks.map((a) => [a.sequence, a.result?.externalId, a.result?.outcome?.$case]);

const storedKeys = async (h: Harness, prefix: string) =>
  (await h.relationshipEvents()).map((e) => (e.metadata.idempotency as { key: string }).key).filter((k) => k.startsWith(prefix));

const LIMITS = { window: 16, maxBatch: 4, pipelined: 4, reverifyEveryEvents: 10, reverifyEveryMs: 200 };

describe('StreamEvents', () => {
  let h: Harness;
  let secret: string;

  beforeAll(async () => {
    h = await startHarness(LIMITS);
    secret = (await h.issueKey()).secret;
  });
  afterAll(() => h.close());

  it('acks every event in the order sent, a refused or malformed one included, and goes on', async () => {
    const stream = openStream(h.client, bearer(secret));
    const malformed = Event.fromPartial({ externalId: 's2', supplierId: SUPPLIER, clientId: CLIENT, onBehalfOf: SUPPLIER });
    for (const event of [invoicePaid('s1', 'inv-s'), malformed, invoicePaid('s3', 'inv-s', {}, 999), invoicePaid('s4')]) stream.send(event);

    const final = await stream.finish();

    expect(final.code).toBe(status.OK);
    expect(outcomes(stream.acks)).toEqual([
      [0, 's1', 'accepted'],
      [1, 's2', 'rejected'],
      [2, 's3', 'rejected'],
      [3, 's4', 'accepted'],
    ]);
    expect(stream.acks[1].result?.outcome).toMatchObject({ value: { statusCode: status.INVALID_ARGUMENT, fieldViolations: [{ field: 'kind' }] } });
    expect(stream.acks[2].result?.outcome).toMatchObject({ value: { statusCode: status.FAILED_PRECONDITION, code: 'RELATIONSHIP.INVOICE_ALREADY_RECORDED' } });
    expect((await storedKeys(h, 's')).sort()).toEqual(['s1', 's4']);
  });

  it('answers thousands of events in order through a small window', async () => {
    const stream = openStream(h.client, bearer(secret));
    const count = 2000;
    // Two relationships, so each batch meets a long history: the recorder decides on the state it keeps.
    for (let i = 0; i < count; i++) stream.send(invoicePaid(`w${i}`, `w${i}`, { clientId: `client_${i % 2}` }));

    expect((await stream.finish()).code).toBe(status.OK);
    expect(stream.acks.map((a) => a.sequence)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(stream.acks.every((a) => a.result?.outcome?.$case === 'accepted')).toBe(true);
  });

  it('decides a relationship’s events in the order sent, across pipelined batches', async () => {
    const stream = openStream(h.client, bearer(secret));
    const ended = (i: number) =>
      Event.fromPartial({
        externalId: `o${i}-end`,
        supplierId: SUPPLIER,
        clientId: CLIENT,
        onBehalfOf: SUPPLIER,
        kind: { $case: 'engagementEnded', value: { engagementId: `eng-o${i}`, endedBy: SUPPLIER, reason: 'done', amicable: true, handoverArranged: true, endedAt: '2026-02-01T00:00:00Z' } },
      });
    for (let i = 0; i < 100; i++) {
      stream.send(engagementStarted(`o${i}-start`, `eng-o${i}`));
      stream.send(ended(i));
    }

    expect((await stream.finish()).code).toBe(status.OK);
    expect(stream.acks.filter((a) => a.result?.outcome?.$case !== 'accepted').map((a) => a.result)).toEqual([]);
  });

  it('records every event exactly once when a stream is cut mid-way and resumed with the same external ids', async () => {
    const events = Array.from({ length: 100 }, (_, i) => invoicePaid(`r${i}`));
    const first = openStream(h.client, bearer(secret));
    events.forEach((e) => first.send(e));
    await first.acked(40);
    first.cancel();
    expect((await first.status).code).toBe(status.CANCELLED);

    const resumed = openStream(h.client, bearer(secret));
    events.forEach((e) => resumed.send(e));
    expect((await resumed.finish()).code).toBe(status.OK);

    const replayed = resumed.acks.map((a) => (a.result?.outcome?.$case === 'accepted' ? a.result.outcome.value.replayed : undefined));
    expect(replayed.every((r) => r !== undefined)).toBe(true);
    expect(replayed.filter(Boolean).length).toBeGreaterThanOrEqual(40);
    expect((await storedKeys(h, 'r')).sort()).toEqual(events.map((e) => e.externalId).sort());
  });

  it('is stopped with UNAUTHENTICATED when its key is revoked', async () => {
    const key = await h.issueKey();
    const stream = openStream(h.client, bearer(key.secret));
    stream.send(invoicePaid('v0'));
    await stream.acked(1);

    await h.revoke(key.credentialId);
    const final = await stream.status;

    expect(final.code).toBe(status.UNAUTHENTICATED);
    expect(await storedKeys(h, 'v')).toEqual(['v0']);
  });

  it('stops a revoked key that keeps sending, within a few events', async () => {
    const key = await h.issueKey();
    const stream = openStream(h.client, bearer(key.secret));
    stream.send(invoicePaid('x0'));
    await stream.acked(1);
    await h.revoke(key.credentialId);

    for (let i = 1; i < 100; i++) stream.send(invoicePaid(`x${i}`));
    const final = await stream.status;

    expect(final.code).toBe(status.UNAUTHENTICATED);
    // At most reverifyEveryEvents after the last check, plus the batches in flight.
    expect((await storedKeys(h, 'x')).length).toBeLessThanOrEqual(1 + LIMITS.reverifyEveryEvents + LIMITS.pipelined * LIMITS.maxBatch);
  });

  it('rejects an event for a party outside the key’s scope and records the others', async () => {
    const narrow = await h.issueKey({ parties: [SUPPLIER] });
    const stream = openStream(h.client, bearer(narrow.secret));
    stream.send(invoicePaid('p1'));
    stream.send(invoicePaid('p2', 'p2', { onBehalfOf: CLIENT }));

    expect((await stream.finish()).code).toBe(status.OK);
    expect(stream.acks[1].result?.outcome).toMatchObject({ $case: 'rejected', value: { statusCode: status.PERMISSION_DENIED, code: 'ACCESS.PARTY_OUT_OF_SCOPE' } });
    expect(await storedKeys(h, 'p')).toEqual(['p1']);
  });

  it('refuses to open without a valid key', async () => {
    const stream = openStream(h.client, bearer('rpt_nope'));
    stream.send(invoicePaid('n1'));
    expect((await stream.status).code).toBe(status.UNAUTHENTICATED);
  });
});
