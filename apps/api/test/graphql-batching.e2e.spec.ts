import { gql } from '@urql/core';
import type { ReadStoreReader } from '#libs/projector';
import { RecordedLog } from '../../../libs/reputation/test/recorded-log';
import { READ_STORE } from '../src/read-models/read-models.module';
import { partyToken, startApi, TokenTable, type RunningApi } from './support/api-harness';
import { hubWithClients } from './support/stories';

const PAGE_WITH_BOTH_PROFILES = gql`
  query ($first: Int) {
    party(id: "hub") {
      relationships(first: $first) {
        edges {
          node {
            id
            supplier { id asSupplier { score grade } }
            client { id asClient { score grade } }
            mutualFit { score }
          }
        }
      }
    }
  }
`;

const ROUND_TRIPS = ['getDoc', 'getDocs', 'rangeIndex', 'rankOf', 'indexSize', 'readList'] as const;

/**
 * Counts the reader's calls as the API makes them: each is one round trip to Redis (an MGET, a ZRANGE …).
 * The in-memory store's getDocs reads through its own getDoc; those inner calls are not the API's.
 */
const countCalls = (reader: ReadStoreReader) => {
  const calls: { method: string; keys: number }[] = [];
  let inside = 0;
  const spies = ROUND_TRIPS.map((method) => {
    const original = reader[method].bind(reader) as (...args: unknown[]) => Promise<unknown>;
    return jest.spyOn(reader, method).mockImplementation(((...args: unknown[]) => {
      if (inside === 0) calls.push({ method, keys: method === 'getDocs' ? (args[1] as string[]).length : 1 });
      inside++;
      try {
        return original(...args);
      } finally {
        inside--;
      }
    }) as never);
  });
  return { calls, restore: () => spies.forEach((spy) => spy.mockRestore()) };
};

describe('batching reads of a page of relationships', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // Background jobs read the same store as they recompute the parties just written: not this spec's calls.
    api = await startApi(new TokenTable(Object.fromEntries([partyToken('hub')])), { EMBEDDED_JOBS: 'off' });
    const log = new RecordedLog();
    hubWithClients(log, 'hub', 60);
    await api.record(log.events);
    await api.projected();
  });

  afterAll(() => api?.close());

  const roundTripsFor = async (first: number) => {
    const counter = countCalls(api.app.get<ReadStoreReader>(READ_STORE));
    try {
      const { data, error } = await api.client('party-hub').query(PAGE_WITH_BOTH_PROFILES, { first }).toPromise();
      expect(error).toBeUndefined();
      return { edges: data.party.relationships.edges, calls: counter.calls };
    } finally {
      counter.restore();
    }
  };

  it('costs the same constant number of read-store round trips for 50 relationships as for 1', async () => {
    const one = await roundTripsFor(1);
    const fifty = await roundTripsFor(50);

    expect(fifty.edges).toHaveLength(50);
    expect(fifty.edges.every((e: { node: { supplier: { id: string }; client: { asClient: unknown } } }) => e.node.supplier.id === 'hub' && e.node.client.asClient !== null)).toBe(true);
    expect(fifty.calls.map((c) => c.method)).toEqual(['getDocs', 'rangeIndex', 'getDocs', 'getDocs']);
    expect(fifty.calls.length).toBe(one.calls.length);
    // the hub, its 50 relationships, then the 50 clients — the hub already read, each profile once
    expect(fifty.calls.map((c) => c.keys)).toEqual([1, 1, 50, 50]);
  });
});
