import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreCredentialVerifier, type CredentialSummary, type IssuedCredential } from '#libs/access';
import { createEventStore, eventStoreConfigFromEnv, type EventStore } from '#libs/event-store';
import { runNode, type NodeRun } from '../../../tests/support/run-node';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/cli/src/main.js');

/**
 * Compiles as `npm run rapport` does. Other work in progress may carry type errors that `npm test`'s type
 * check reports anyway; this test needs the JavaScript, so it checks that the CLI was emitted afresh.
 */
const build = (): void => {
  const startedAt = Date.now();
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  const emitted = (() => {
    try {
      return statSync(MAIN).mtimeMs >= startedAt - 1000;
    } catch {
      return false;
    }
  })();
  if (!emitted) throw new Error(`the CLI was not built:\n${tsc.stdout}${tsc.stderr}`);
};

describe('the rapport CLI, run as a process on an embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  const env = { EVENT_STORE: 'pglite', PGLITE_DATA_DIR: dataDir };

  const rapport = (...args: string[]): Promise<NodeRun> => runNode(MAIN, args, { cwd: ROOT, env });
  const succeeds = async (...args: string[]): Promise<string> => {
    const run = await rapport(...args);
    if (run.code !== 0) throw new Error(`rapport ${args.join(' ')} exited ${run.code}:\n${run.stdout}${run.stderr}`);
    return run.stdout;
  };
  const listed = async (): Promise<CredentialSummary[]> => JSON.parse(await succeeds('token', 'list', '--json'));
  const openStore = (): Promise<EventStore> => createEventStore(eventStoreConfigFromEnv(env));
  const verify = async (secret: string) => {
    const store = await openStore();
    try {
      return await new EventStoreCredentialVerifier(store).verify(secret);
    } finally {
      await store.close();
    }
  };

  beforeAll(build, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  let partner: IssuedCredential;

  it('creates a partner token scoped to parties and event types, printing its secret once', async () => {
    partner = JSON.parse(await succeeds('token', 'create', '--partner', 'ledgerly', '--parties', 'acme,globex', '--event-types', 'InvoicePaid,EngagementEnded', '--json'));

    expect(partner.secret).toMatch(new RegExp(`^rpt_${partner.credentialId}_`));
    expect(partner.grant).toEqual({ kind: 'partner', partnerId: 'ledgerly', parties: ['acme', 'globex'], eventTypes: ['InvoicePaid', 'EngagementEnded'] });
  });

  it('creates a party token, telling its id and its secret in words', async () => {
    const out = await succeeds('token', 'create', '--party', 'globex');
    const [, credentialId] = /^Created credential ([0-9a-f]{24}) for party globex/.exec(out) ?? [];
    expect(credentialId).toBeDefined();
    expect(out).toMatch(new RegExp(`^rpt_${credentialId}_[A-Za-z0-9_-]{43}$`, 'm'));
  });

  it('lists the tokens without their secrets, and the secret verifies after the CLI has exited', async () => {
    const credentials = await listed();
    expect(credentials.map((c) => c.grant.kind)).toEqual(['partner', 'party']);
    expect(JSON.stringify(credentials)).not.toContain(partner.secret.slice(-43));
    expect(await verify(partner.secret)).toMatchObject({ kind: 'partner', partnerId: 'ledgerly', parties: ['acme', 'globex'] });
  });

  it('revokes a token: the next verification refuses it', async () => {
    expect(await succeeds('token', 'revoke', partner.credentialId)).toContain(`Revoked credential ${partner.credentialId}`);

    expect((await listed()).find((c) => c.credentialId === partner.credentialId)?.revokedAt).toEqual(expect.any(String));
    expect(await verify(partner.secret)).toBeNull();
  });

  it('says clearly that the data directory is locked by a running Rapport, and exits non-zero', async () => {
    const running = await openStore();
    try {
      const run = await rapport('token', 'list');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`is already in use by process ${process.pid}`);
      expect(run.stderr).toContain('stop the running Rapport');
    } finally {
      await running.close();
    }
  });

  it('refuses a call that does not say who the token is for, with the usage and exit code 2', async () => {
    const run = await rapport('token', 'create');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exactly one of --party, --partner or --admin');
    expect(run.stderr).toContain('rapport token revoke <credentialId>');
  });

  it('refuses an event type Rapport does not know', async () => {
    const run = await rapport('token', 'create', '--partner', 'ledgerly', '--parties', 'acme', '--event-types', 'InvoiceSent');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown event type InvoiceSent');
  });

  it('refuses to revoke an unknown token', async () => {
    const run = await rapport('token', 'revoke', 'f'.repeat(24));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ACCESS.CREDENTIAL_NOT_FOUND');
  });
});
