import 'reflect-metadata';
import { startRapport } from './start';

// Everything `npm start` runs is in start.ts, including the place where gRPC ingestion joins this process.

void startRapport({
  argv: process.argv.slice(2),
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  print: (text) => process.stdout.write(`${text}\n`),
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
