import { join } from 'node:path';
import { runNode } from '../../../tests/support/run-node';
import { CLIENT, startHarness, SUPPLIER, type Harness } from './ingestion-e2e-support';

const EXAMPLE = join(__dirname, '../../../examples/partner-client/client.mjs');

/** The example as a partner's developer runs it: `RAPPORT_API_KEY=… node client.mjs`. */
const runExample = (env: Record<string, string>) => runNode(EXAMPLE, [], { env });

describe('examples/partner-client against a running ingestion server', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('records its batch once, is answered the originals on its retry, and streams every invoice with an ack each', async () => {
    const { secret } = await harness.issueKey({ parties: [SUPPLIER, CLIENT] });

    const run = await runExample({ RAPPORT_API_KEY: secret, RAPPORT_INGESTION_ADDRESS: harness.address, STREAM_EVENTS: '250' });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [first, retry] = run.stdout.split('RecordEvents again').map((part) => part.split('\n').filter((line) => line.includes(': ')));
    expect(first.filter((line) => / recorded as [0-9a-f-]{36} at revision \d/.test(line))).toHaveLength(3);
    expect(retry.filter((line) => /already recorded as [0-9a-f-]{36} at revision \d/.test(line))).toHaveLength(3);
    expect(run.stdout).toContain('250 acks');
    const events = await harness.relationshipEvents();
    expect(events.map((e) => e.type)).toEqual(['EngagementStarted', ...Array<string>(252).fill('InvoicePaid')]);
    expect(events.every((e) => e.metadata.source === 'partner:books_co' && e.metadata.attested === true)).toBe(true);
  });

  it('says UNAUTHENTICATED and exits 1 with a key the server does not know, recording nothing', async () => {
    const before = (await harness.relationshipEvents()).length;

    const run = await runExample({ RAPPORT_API_KEY: 'rpt_unknown_key', RAPPORT_INGESTION_ADDRESS: harness.address, STREAM_EVENTS: '10' });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^UNAUTHENTICATED: /);
    expect(await harness.relationshipEvents()).toHaveLength(before);
  });
});
