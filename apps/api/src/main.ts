import 'reflect-metadata';
import { ingestionServerOptionsFromEnv } from '../../ingestion/src';
import { startRapport } from './start';

// Everything `npm start` runs is in start.ts, including the place where gRPC ingestion joins this process.

void startRapport({
  argv: process.argv.slice(2),
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  print: (text) => process.stdout.write(`${text}\n`),
  // INGESTION=off serves GraphQL only (e.g. when apps/ingestion runs as its own process).
  ingestion: process.env.INGESTION === 'off' ? undefined : ingestionServerOptionsFromEnv(process.env),
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
