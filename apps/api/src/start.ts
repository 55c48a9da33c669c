import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CredentialService } from '#libs/access';
import { EVENT_STORE, EVENT_STORE_CONFIG, type EventStore, type EventStoreConfig } from '#libs/event-store';
import { startIngestionServer, type IngestionServerOptions } from '../../ingestion/src';
import { createApiApp } from './api-app';
import { AppModule } from './app.module';
import { startBanner, type DemoOutcome } from './demo/demo-banner';
import { demoIsPresent, issueDemoTokens, seedDemo } from './demo/demo-seed';
import type { ReadModels } from './read-models/read-models';
import { READ_MODELS } from './read-models/read-models.module';

export interface StartOptions {
  /** Command-line arguments after the script: `--demo` seeds the demo whatever the store holds (unless it is there already), `--no-demo` never. */
  readonly argv: readonly string[];
  readonly port: number;
  readonly host: string;
  /** Where the start banner goes (stdout in `main`). */
  readonly print: (text: string) => void;
  /** gRPC partner ingestion in the same process; left out, none is served. */
  readonly ingestion?: IngestionServerOptions;
}

/** Longest `npm start` waits, after seeding, for the read models to have the demo before it opens the port. */
const DEMO_PROJECTION_WAIT_MS = 60_000;

/** Seeds on `--demo`, or on an empty embedded store; the demo's facts are never recorded twice. */
const prepareDemo = async (app: NestFastifyApplication, argv: readonly string[]): Promise<DemoOutcome> => {
  const store = app.get<EventStore>(EVENT_STORE);
  const { adapter } = app.get<EventStoreConfig>(EVENT_STORE_CONFIG);
  const credentials = app.get(CredentialService, { strict: false });
  if (argv.includes('--no-demo')) return { kind: 'not-seeded', reason: 'No demo (--no-demo).' };
  const asked = argv.includes('--demo');
  if (asked && (await demoIsPresent(store))) return { kind: 'already-seeded', tokens: await issueDemoTokens(credentials) };
  const empty = (await store.headPosition()) === null;
  if (!asked && !(empty && (adapter === 'pglite' || adapter === 'memory'))) {
    return {
      kind: 'not-seeded',
      reason: empty ? `The ${adapter} event store is empty; the demo is seeded only on the embedded store, or with --demo.` : 'The event store already holds facts: no demo seeded.',
    };
  }
  const logger = new Logger('Demo');
  logger.log('Seeding the demo through the command handlers…');
  const written = await seedDemo(store);
  const readModels = app.get<ReadModels>(READ_MODELS);
  const projected = await Promise.all(written.map(({ position, streamId }) => readModels.waitFor(position, streamId, DEMO_PROJECTION_WAIT_MS)));
  if (!projected.every(Boolean)) logger.warn('The read models have not caught up with the demo yet: ratings will appear as they do');
  return { kind: 'seeded', tokens: await issueDemoTokens(credentials) };
};

/**
 * What `npm start` runs: the API on its configured store with its read models (replayed before anything
 * else), the demo when there is reason to seed it, then the port (and gRPC ingestion's), then the banner
 * with tokens to try.
 */
export const startRapport = async ({ argv, port, host, print, ingestion }: StartOptions): Promise<NestFastifyApplication> => {
  const app = await createApiApp(AppModule);
  app.enableShutdownHooks();
  const demo = await prepareDemo(app, argv);
  await app.listen(port, host);
  const grpc = ingestion && (await startIngestionServer(app, ingestion));
  const listening = app.getHttpServer().address() as AddressInfo;
  print(startBanner(`http://localhost:${listening.port}/graphql`, demo));
  if (grpc) print(`gRPC partner ingestion on ${ingestion.host}:${grpc.port} (proto/rapport/ingestion/v1; examples/partner-client)`);
  return app;
};
