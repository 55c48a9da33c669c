import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { partyToken, startApi, TokenTable, type RunningApi } from './support/api-harness';

interface Outcome {
  readonly results: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }[];
  readonly error?: unknown;
}

const run = (client: WsClient, query: string): Promise<Outcome> =>
  new Promise((resolve) => {
    const results: Outcome['results'][number][] = [];
    client.subscribe(
      { query },
      {
        next: (result) => results.push(result as Outcome['results'][number]),
        error: (error) => resolve({ results, error }),
        complete: () => resolve({ results }),
      },
    );
  });

/** graphql-ws on /graphql: the transport the `reputationChanged` subscription will use. */
describe('GraphQL over WebSocket (graphql-ws)', () => {
  let api: RunningApi;
  const clients: WsClient[] = [];

  const connect = (authorization?: string): WsClient => {
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: authorization === undefined ? {} : { authorization },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startApi(new TokenTable(Object.fromEntries([partyToken('acme')])));
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await api?.close();
  });

  it('runs an operation for a connection that authenticated with its bearer token', async () => {
    const outcome = await run(connect('Bearer party-acme'), '{ me { kind partyId } }');

    expect(outcome).toEqual({ results: [{ data: { me: { kind: 'PARTY', partyId: 'acme' } } }] });
  });

  it('closes a connection without a valid token with 4403', async () => {
    const outcome = await run(connect('Bearer nope'), '{ me { kind } }');

    expect(outcome.results).toEqual([]);
    expect((outcome.error as { code?: number }).code).toBe(4403);
  });

  it('holds operations to the same limits and error codes as over HTTP', async () => {
    const client = connect('Bearer party-acme');
    const deep = await run(client, '{ party(id: "acme") { relationships { edges { node { supplier { relationships { edges { node { client { timeline { edges { node { eventId } } } } } } } } } } } } }');
    const missing = await run(client, '{ party(id: "nobody") { id } }');

    expect(deep.error).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_TOO_DEEP', maxDepth: 10 } })]);
    expect(missing.results).toEqual([{ data: { party: null }, errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND', domainCode: 'REPUTATION.PARTY_NOT_FOUND' } })] }]);
  });
});
