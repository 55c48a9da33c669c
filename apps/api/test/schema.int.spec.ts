import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startApi, TokenTable, type RunningApi } from './support/api-harness';

const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');
const HEADER = '# The GraphQL API, printed from the code-first schema (apps/api/src/graphql).\n# Do not edit: `UPDATE_SCHEMA=1 npx jest apps/api/test/schema` rewrites it, and a test fails while it differs.\n\n';

/** The committed schema is the API's contract: it must be exactly what the code builds. */
describe('the committed schema.gql', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi(new TokenTable({}));
  });

  afterAll(() => api?.close());

  it('is the schema the code builds, sorted', () => {
    const printed = HEADER + printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });
});
