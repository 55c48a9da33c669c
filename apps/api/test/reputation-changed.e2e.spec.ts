import type { Client } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ReputationChangeFeed } from '../src/graphql/reputation-changes/reputation-change.feed';
import { CREDENTIALS_ON_THE_EVENT_STORE, startApi, type RunningApi } from './support/api-harness';
import { between, daysAgo, recorded } from './support/writes';

const CHANGES = `
  subscription ($partyId: ID!) {
    reputationChanged(partyId: $partyId) {
      partyId position
      party { id asClient { score grade components { component evidenceCount } } counts { relationships } }
    }
  }
`;

interface Change {
  readonly partyId: string;
  readonly position: string;
  readonly party: { id: string; asClient: { score: number; grade: string; components: { component: string; evidenceCount: number }[] } | null; counts: { relationships: number } };
}

/** What one subscription heard, and a way to wait for what it should hear. */
const listen = (client: WsClient, partyId: string) => {
  const changes: Change[] = [];
  const errors: unknown[] = [];
  let waiting: { until: (changes: Change[]) => boolean; resolve: () => void } | null = null;
  const stop = client.subscribe(
    { query: CHANGES, variables: { partyId } },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) changes.push((result.data as { reputationChanged: Change }).reputationChanged);
        if (waiting?.until(changes)) waiting.resolve();
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  const until = (check: (changes: Change[]) => boolean, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (check(changes)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no such change within ${timeoutMs} ms: ${JSON.stringify({ changes, errors })}`)), timeoutMs);
      waiting = { until: check, resolve: () => (clearTimeout(timer), resolve()) };
    });
  return { changes, errors, stop, until };
};

const invoicesOf = (change: Change) => change.party.asClient?.components.find((c) => c.component === 'PUNCTUALITY')?.evidenceCount ?? 0;

describe('the reputationChanged subscription, over graphql-ws', () => {
  let api: RunningApi;
  let acme: Client;
  let ws: WsClient;
  let feed: ReputationChangeFeed;

  const listening = async (partyId: string, expected = true) => {
    for (let i = 0; i < 200 && (await feed.listening(partyId)) !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await feed.listening(partyId)).toBe(expected);
  };

  beforeAll(async () => {
    api = await startApi(CREDENTIALS_ON_THE_EVENT_STORE);
    feed = api.app.get(ReputationChangeFeed, { strict: false });
    acme = api.client(await api.issue({ kind: 'party', partyId: 'acme' }));
    const reader = await api.issue({ kind: 'party', partyId: 'watcher' });
    ws = createClient({ url: api.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${reader}` }, retryAttempts: 0 });
    await recorded(acme, 'startEngagement', { ...between('acme', 'globex'), engagementId: 'e1', paymentTermsDays: 30, startedAt: daysAgo(300) });
  });

  afterAll(async () => {
    await ws?.dispose();
    await api?.close();
  });

  it("sends the party's new profile once a mutation about it has been projected", async () => {
    const subscription = listen(ws, 'globex');
    await listening('globex');

    const answer = await recorded(acme, 'recordInvoicePaid', { ...between('acme', 'globex'), invoiceId: 'inv-1', amount: 900, currency: 'EUR', dueAt: daysAgo(200), paidAt: daysAgo(210) });
    await subscription.until((changes) => changes.some((c) => c.position === answer.position));

    const change = subscription.changes.find((c) => c.position === answer.position)!;
    expect(change).toMatchObject({ partyId: 'globex', party: { id: 'globex', asClient: { grade: expect.any(String) }, counts: { relationships: 1 } } });
    expect(invoicesOf(change)).toBe(1);
    expect(subscription.errors).toEqual([]);
    subscription.stop();
    await listening('globex', false);
  });

  it('tells each party of a relationship, and coalesces a burst into fewer changes that end with all of it', async () => {
    const client = listen(ws, 'globex');
    const supplier = listen(ws, 'acme');
    await listening('globex');
    await listening('acme');

    const burst = await Promise.all(
      [2, 3, 4, 5, 6].map((i) => recorded(acme, 'recordInvoicePaid', { ...between('acme', 'globex'), invoiceId: `inv-${i}`, amount: 900, currency: 'EUR', dueAt: daysAgo(100 - i), paidAt: daysAgo(100 - i) })),
    );
    const last = burst.map((b) => b.position ?? '').sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0])).pop()!;
    await client.until((changes) => changes.some((c) => c.position === last && invoicesOf(c) === 6));
    await supplier.until((changes) => changes.some((c) => c.position === last));

    expect(client.changes.length).toBeLessThanOrEqual(5);
    expect(supplier.changes.at(-1)).toMatchObject({ partyId: 'acme', party: { id: 'acme' } });
    client.stop();
    supplier.stop();
  });

  it('follows the log only while someone listens', async () => {
    await listening('globex', false);
    await listening('acme', false);
    expect(feed.following()).toBe(false);
  });

  it('refuses a party id that is not one, with BAD_USER_INPUT', async () => {
    const subscription = listen(ws, 'Not An Id');
    // The client may first reconnect and authenticate: wait for the answer rather than a fixed time.
    for (const deadline = Date.now() + 10_000; subscription.errors.length === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));

    expect(subscription.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', domainCode: 'REPUTATION.INVALID_ARGUMENTS' }) })]);
    subscription.stop();
  });
});
