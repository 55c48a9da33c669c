import { type Client, type CombinedError, gql } from '@urql/core';
import type { ReadStoreReader } from '#libs/projector';
import { READ_STORE } from '../src/read-models/read-models.module';
import { partyToken, startApi, TokenTable, type RunningApi } from './support/api-harness';
import { reputationStories } from './support/stories';

const SECRET = 'postgres://rapport:hunter2@db.internal:5432';

class ExplodingTable extends TokenTable {
  override async verify(secret: string) {
    if (secret === 'explode') throw new Error(`connection refused: ${SECRET}`);
    return super.verify(secret);
  }
}

const tokens = new ExplodingTable(Object.fromEntries(['acme', 'globex'].map(partyToken)));

const errorsOf = (error: CombinedError | undefined) => (error?.graphQLErrors ?? []).map(({ message, path, extensions }) => ({ message, path, extensions }));
const statusOf = (error: CombinedError | undefined) => (error?.response as Response | undefined)?.status;

describe('GraphQL errors and limits, over HTTP', () => {
  let api: RunningApi;
  let acme: Client;

  beforeAll(async () => {
    api = await startApi(tokens);
    await api.record(reputationStories().log.events);
    await api.projected();
    acme = api.client('party-acme');
  });

  afterAll(() => api?.close());

  describe('authentication', () => {
    it.each([
      ['no Authorization header', null, {}, 'AUTH.CREDENTIAL_MISSING'],
      ['an unknown token', 'nope', {}, 'AUTH.CREDENTIAL_INVALID'],
      ['another scheme than Bearer', null, { authorization: 'Basic YWNtZTpzZWNyZXQ=' }, 'AUTH.CREDENTIAL_INVALID'],
    ])('answers UNAUTHENTICATED (401) to %s, before anything runs', async (_case, token, headers, domainCode) => {
      const { data, error } = await api.client(token, headers).query(gql`{ party(id: "acme") { id } }`, {}).toPromise();

      expect(data).toBeUndefined();
      expect(statusOf(error)).toBe(401);
      expect((error?.response as Response).headers.get('www-authenticate')).toBe('Bearer realm="rapport"');
      expect(errorsOf(error)).toEqual([{ message: expect.any(String), path: undefined, extensions: { code: 'UNAUTHENTICATED', domainCode } }]);
    });

    it('refuses introspection without a token too', async () => {
      const { error } = await api.client(null).query(gql`{ __schema { queryType { name } } }`, {}).toPromise();

      expect(errorsOf(error)[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('domain errors', () => {
    it('answers NOT_FOUND with a domain code for a party no one knows, next to the fields that did resolve', async () => {
      const { data, error } = await acme.query(gql`{ party(id: "nobody") { id } me { partyId } }`, {}).toPromise();

      expect(data).toEqual({ party: null, me: { partyId: 'acme' } });
      expect(errorsOf(error)).toEqual([
        { message: 'No party nobody is known', path: ['party'], extensions: { code: 'NOT_FOUND', domainCode: 'REPUTATION.PARTY_NOT_FOUND' } },
      ]);
    });

    it('answers NOT_FOUND for a relationship that does not exist and for screening an unknown candidate', async () => {
      const relationship = await acme.query(gql`{ relationship(supplierId: "acme", clientId: "hooli") { id } }`, {}).toPromise();
      const screen = await acme.query(gql`{ screen(candidateId: "nobody", criteria: { role: CLIENT }) { passed } }`, {}).toPromise();

      expect(errorsOf(relationship.error)[0].extensions).toEqual({ code: 'NOT_FOUND', domainCode: 'REPUTATION.RELATIONSHIP_NOT_FOUND' });
      expect(errorsOf(screen.error)[0].extensions).toEqual({ code: 'NOT_FOUND', domainCode: 'REPUTATION.PARTY_NOT_FOUND' });
    });

    it('answers BAD_USER_INPUT with every wrong argument as a field list', async () => {
      const { error } = await acme.query(gql`{ relationship(supplierId: "Not-An-Id", clientId: "") { id } }`, {}).toPromise();

      expect(errorsOf(error)).toEqual([
        {
          message: expect.stringContaining('Invalid query'),
          path: ['relationship'],
          extensions: {
            code: 'BAD_USER_INPUT',
            domainCode: 'REPUTATION.INVALID_ARGUMENTS',
            issues: [
              { path: 'supplierId', message: expect.any(String) },
              { path: 'clientId', message: expect.any(String) },
            ],
          },
        },
      ]);
    });

    it('names the screening criterion that is out of range', async () => {
      const { error } = await acme.query(gql`{ screen(candidateId: "globex", criteria: { role: CLIENT, minScore: 150 }) { passed } }`, {}).toPromise();

      expect(errorsOf(error)[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        domainCode: 'REPUTATION.INVALID_ARGUMENTS',
        issues: [{ path: 'criteria.minScore', message: expect.any(String) }],
      });
    });

    it('refuses a ranking by industry and region at once', async () => {
      const { error } = await acme.query(gql`{ rankings(role: CLIENT, industry: "retail", region: "bretagne") { totalCount } }`, {}).toPromise();

      expect(errorsOf(error)[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'region' }] });
    });
  });

  describe('pages', () => {
    it('refuses a page above the cap of 100 with a clear BAD_USER_INPUT', async () => {
      const { error } = await acme.query(gql`{ rankings(role: CLIENT, first: 101) { totalCount } }`, {}).toPromise();

      expect(errorsOf(error)).toEqual([
        {
          message: 'Invalid query: first: first must be a whole number from 1 to 100, got 101',
          path: ['rankings'],
          extensions: { code: 'BAD_USER_INPUT', domainCode: 'REPUTATION.PAGE_SIZE_OUT_OF_RANGE', issues: [{ path: 'first', message: expect.any(String) }] },
        },
      ]);
    });

    it.each([
      ['not base64 JSON', '!!!'],
      ['a cursor of another connection', 'eyJiIjpudWxsLCJzIjoxfQ'],
      ['a forged read-store cursor', Buffer.from(JSON.stringify({ b: 'not-a-cursor', s: 0 })).toString('base64url')],
    ])('refuses an `after` cursor that is %s', async (_case, after) => {
      const ranking = await acme.query(gql`query ($after: String) { rankings(role: CLIENT, after: $after) { totalCount } }`, { after }).toPromise();
      const timeline = await acme.query(gql`query ($after: String) { party(id: "acme") { timeline(after: $after) { pageInfo { hasNextPage } } } }`, { after }).toPromise();

      for (const { error } of after === 'eyJiIjpudWxsLCJzIjoxfQ' ? [ranking] : [ranking, timeline]) {
        expect(errorsOf(error)[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'REPUTATION.INVALID_CURSOR' });
      }
    });
  });

  describe('GraphQL’s own errors', () => {
    it('keeps GRAPHQL_VALIDATION_FAILED for a field that does not exist (HTTP 400)', async () => {
      const { error } = await acme.query(gql`{ party(id: "acme") { password } }`, {}).toPromise();

      expect(statusOf(error)).toBe(400);
      expect(errorsOf(error)[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('answers BAD_USER_INPUT to a variable of the wrong type', async () => {
      const { error } = await acme.query(gql`query ($first: Int) { rankings(role: CLIENT, first: $first) { totalCount } }`, { first: 'ten' }).toPromise();

      expect(errorsOf(error)[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('limits', () => {
    it('refuses an operation nested deeper than 10 levels, before it runs (QUERY_TOO_DEEP, HTTP 400)', async () => {
      const deep = gql`
        {
          party(id: "acme") { relationships { edges { node { supplier { relationships { edges { node { client { timeline { edges { node { eventId } } } } } } } } } } } }
        }
      `;
      const { data, error } = await acme.query(deep, {}).toPromise();

      expect(data).toBeUndefined();
      expect(statusOf(error)).toBe(400);
      expect(errorsOf(error)).toEqual([{ message: 'The operation nests deeper than 10 levels', path: undefined, extensions: { code: 'QUERY_TOO_DEEP', maxDepth: 10 } }]);
    });

    it('refuses an operation whose estimated cost is over the limit, counting page sizes from variables (QUERY_TOO_COMPLEX)', async () => {
      const wide = gql`
        query ($n: Int) { rankings(role: CLIENT, first: $n) { edges { node { relationships(first: $n) { edges { node { id status } } } } } } }
      `;
      const small = await acme.query(wide, { n: 5 }).toPromise();
      const large = await acme.query(wide, { n: 100 }).toPromise();

      expect(small.error).toBeUndefined();
      expect(statusOf(large.error)).toBe(400);
      expect(errorsOf(large.error)).toEqual([
        { message: expect.stringContaining('above the limit of 5000'), path: undefined, extensions: { code: 'QUERY_TOO_COMPLEX', complexity: expect.any(Number), maxComplexity: 5000 } },
      ]);
    });
  });

  describe('unexpected failures', () => {
    it('answers INTERNAL_SERVER_ERROR without internals when the read store fails, and keeps the rest of the answer', async () => {
      const reader = api.app.get<ReadStoreReader>(READ_STORE);
      // Every read fails while the query runs, not just the first: the embedded rankings jobs, still
      // following the recorded log, read profiles too and could take a one-off failure meant for the query.
      const getDocs = jest.spyOn(reader, 'getDocs').mockRejectedValue(new Error(`READONLY You can't write against a read only replica ${SECRET}`));
      try {
        const { data, error } = await acme.query(gql`{ party(id: "acme") { id } me { kind } }`, {}).toPromise();

        expect(data).toEqual({ party: null, me: { kind: 'PARTY' } });
        expect(errorsOf(error)).toEqual([{ message: 'Internal server error', path: ['party'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
        expect(JSON.stringify(error)).not.toContain('hunter2');
      } finally {
        getDocs.mockRestore();
      }
    });

    it('answers INTERNAL_SERVER_ERROR without internals when the credential store fails', async () => {
      const { error } = await api.client('explode').query(gql`{ me { kind } }`, {}).toPromise();

      expect(statusOf(error)).toBe(500);
      expect(errorsOf(error)).toEqual([{ message: 'Internal server error', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(error)).not.toContain('hunter2');
    });
  });
});

describe('rate limiting, per token', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi(tokens, { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  });

  afterAll(() => api?.close());

  it('answers 429 RATE_LIMITED with Retry-After once a token used up its window, and counts each token on its own', async () => {
    const acme = api.client('party-acme');
    for (let i = 0; i < 3; i++) expect((await acme.query(gql`{ me { kind } }`, {}).toPromise()).error).toBeUndefined();

    const { error } = await acme.query(gql`{ me { kind } }`, {}).toPromise();
    const other = await api.client('party-globex').query(gql`{ me { partyId } }`, {}).toPromise();
    const health = await fetch(api.url.replace('/graphql', '/health'));

    expect(statusOf(error)).toBe(429);
    expect(Number((error?.response as Response).headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorsOf(error)).toEqual([{ message: expect.stringContaining('Rate limit exceeded'), path: undefined, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }]);
    expect(other.data).toEqual({ me: { partyId: 'globex' } });
    expect(health.status).toBe(200);
  });
});
