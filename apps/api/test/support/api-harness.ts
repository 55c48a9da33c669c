import { Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, fetchExchange } from '@urql/core';
import { CREDENTIAL_VERIFIER, CredentialService, type CredentialGrant, type CredentialVerifier, type Principal } from '#libs/access';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#libs/event-store';
import { CLOCK, type Clock } from '#libs/shared-kernel';
import { createApiApp } from '../../src/api-app';
import { ApiModule } from '../../src/api.module';
import { CredentialsModule } from '../../src/auth/credentials.module';
import { BACKGROUND_JOBS, type BackgroundJobs } from '../../src/graphql/jobs/background-jobs.provider';
import type { Health } from '../../src/health/health.controller';

/** The in-test stand-in for the access module: a fixed table of tokens. */
export class TokenTable implements CredentialVerifier {
  constructor(private readonly principals: Readonly<Record<string, Principal>>) {}

  async verify(secret: string): Promise<Principal | null> {
    return this.principals[secret] ?? null;
  }
}

export const partyToken = (partyId: string): [string, Principal] => [`party-${partyId}`, { kind: 'party', credentialId: `cred-${partyId}`, partyId }];

/** Credentials as the app has them: issued, hashed and verified on the event store. */
export const CREDENTIALS_ON_THE_EVENT_STORE = 'event-store';

export interface RunningApi {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly store: EventStore;
  /** Issues a real credential (with `CREDENTIALS_ON_THE_EVENT_STORE`) and answers its secret. */
  issue(grant: CredentialGrant): Promise<string>;
  /** A GraphQL client sending `Authorization: Bearer <token>` (none when `token` is null). */
  client(token: string | null, headers?: Record<string, string>): Client;
  /** Appends recorded facts to the event store, stream by stream, as the write side would. */
  record(events: readonly RecordedEvent[]): Promise<void>;
  /** Resolves once every read model has projected the whole log (as /health reports it) and the in-process jobs have taken it in. */
  projected(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the API as `main` does, on port 0, over the in-memory event store with its embedded projector,
 * and `env` (limits, rate limiting) set while it starts. Credentials: `verifier` in place of the access
 * module's (a fixed table), or `CREDENTIALS_ON_THE_EVENT_STORE` for the app's own.
 */
export const startApi = async (verifier: CredentialVerifier | typeof CREDENTIALS_ON_THE_EVENT_STORE, env: Record<string, string> = {}): Promise<RunningApi> => {
  @Global()
  @Module({
    providers: [
      { provide: CREDENTIAL_VERIFIER, useValue: verifier },
      { provide: CredentialService, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new CredentialService(store, clock) },
    ],
    exports: [CREDENTIAL_VERIFIER, CredentialService],
  })
  class TestCredentialsModule {}

  @Module({ imports: [ApiModule, verifier === CREDENTIALS_ON_THE_EVENT_STORE ? CredentialsModule : TestCredentialsModule] })
  class TestApiModule {}

  const settings: Record<string, string> = { EVENT_STORE: 'memory', READ_MODELS: 'memory', RATE_LIMIT_MAX: '0', ...env };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  let app: NestFastifyApplication;
  try {
    app = await createApiApp(TestApiModule, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const base = await app.getUrl();
  const url = `${base}/graphql`;
  const store = app.get<EventStore>(EVENT_STORE);

  return {
    app,
    url,
    store,
    issue: async (grant) => (await app.get(CredentialService, { strict: false }).issue(grant)).secret,
    client: (token, headers = {}) =>
      new Client({
        url,
        exchanges: [fetchExchange],
        requestPolicy: 'network-only',
        preferGetMethod: false,
        fetchOptions: () => ({ headers: { ...headers, ...(token === null ? {} : { authorization: `Bearer ${token}` }) } }),
      }),
    record: async (events) => {
      for (let i = 0; i < events.length; ) {
        const { streamId } = events[i];
        let end = i;
        while (end < events.length && events[end].streamId === streamId) end++;
        await store.appendToStream(
          streamId,
          events.slice(i, end).map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        );
        i = end;
      }
    },
    projected: async () => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const health = (await (await fetch(`${base}/health`)).json()) as Health;
        const head = health.eventStore.head;
        if (health.readModels.projections.every((p) => p.caughtUp && p.position === head)) {
          // The in-process jobs too: rankings read their leaderboards, which they update a moment after each event.
          if (head === null) return;
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the in-process jobs did not take in the log up to ${head}`)), Math.max(0, deadline - Date.now()));
          });
          await Promise.race([app.get<BackgroundJobs>(BACKGROUND_JOBS).settled(head), late]).finally(() => clearTimeout(timer));
          return;
        }
        if (Date.now() > deadline) throw new Error(`read models did not catch up: ${JSON.stringify(health)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => app.close(),
  };
};
