import { Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClockModule, CREDENTIAL_VERIFIER, CredentialService, type Principal } from '#libs/access';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { CLOCK, type Clock } from '#libs/shared-kernel';
import { createApiApp } from '../../api-app';
import { ApiModule } from '../../api.module';
import { JobsModule } from './jobs.module';

const TOKENS: Record<string, Principal> = {
  admin: { kind: 'admin', credentialId: 'cred-admin', name: 'ops' },
  party: { kind: 'party', credentialId: 'cred-p', partyId: 'p1' },
};

const JOBS = '{ jobs(first: 5) { id name state attempts queuedAt startedAt finishedAt error progress { percent phase done total } } }';

describe('the admin `jobs` query, on the embedded jobs (in-memory event store and read models)', () => {
  let app: NestFastifyApplication;
  let url: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    @Global()
    @Module({
      providers: [
        { provide: CREDENTIAL_VERIFIER, useValue: { verify: async (secret: string) => TOKENS[secret] ?? null } },
        { provide: CredentialService, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new CredentialService(store, clock) },
      ],
      exports: [CREDENTIAL_VERIFIER, CredentialService],
    })
    class TokensModule {}

    @Module({ imports: [ApiModule, ClockModule, TokensModule, JobsModule] })
    class TestModule {}

    // No scheduled job: a run due on the clock (reveal-feedback every quarter hour) would join the list.
    const noSchedules = { DECAY_SWEEP_CRON: 'off', RECOMPUTE_RANKINGS_CRON: 'off', PROPAGATE_TRUST_CRON: 'off', REVEAL_FEEDBACK_CRON: 'off' };
    Object.assign(process.env, { EVENT_STORE: 'memory', READ_MODELS: 'memory', RATE_LIMIT_MAX: '0', ...noSchedules });
    app = await createApiApp(TestModule, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`;
  });

  afterAll(async () => {
    await app?.close();
    process.env = saved;
  });

  const ask = async (token: string, query: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
    return (await response.json()) as { data?: { jobs: { name: string; state: string; progress: { percent: number } | null }[] } | null; errors?: { extensions: { code: string; domainCode?: string } }[] };
  };

  it('shows an admin the recent runs: the propagation the embedded runner starts with, done', async () => {
    const deadline = Date.now() + 20_000;
    let runs: { name: string; state: string; progress: { percent: number } | null }[] = [];
    while (Date.now() < deadline) {
      runs = (await ask('admin', JOBS)).data?.jobs ?? [];
      if (runs.some((r) => r.state === 'COMPLETED')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(runs).toEqual([expect.objectContaining({ name: 'propagate-trust', state: 'COMPLETED', attempts: 1, error: null, progress: expect.objectContaining({ percent: 100 }) })]);
  });

  it('refuses anyone else', async () => {
    const answer = await ask('party', JOBS);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', domainCode: 'RANKINGS.JOBS_ADMIN_ONLY' });
  });
});
