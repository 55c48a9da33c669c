import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from '#libs/access';
import { createEventStore, eventStoreConfigFromEnv, StoreUnavailableError, type EventStore } from '#libs/event-store';
import { isRapportError } from '#libs/shared-kernel';
import { authenticate } from '../grpc/authenticate';
import { EventIngestion } from '../ingestion/event-ingestion';
import type { PartnerPrincipal } from '../ingestion/partner-scope';
import { ingestionModuleOn } from '../ingestion-app.module';
import { formatOf, readEventRecords, type ImportFormat } from './event-records';
import { importEvents, type ImportRejection } from './import-events';

/** In the style of the `rapport` CLI's usage lines. */
export const IMPORT_USAGE = [
  '  rapport import <file.ndjson|file.csv> [--key <api key>] [--format ndjson|csv] [--batch-size 500] [--no-progress]',
  "      records a partner's history through the gRPC ingestion path, attested as the key's partner (the key: --key",
  '      or RAPPORT_API_KEY); each line carries its external_id, so a run interrupted and started again records',
  '      nothing twice. NDJSON: one Event per line in proto3 JSON; CSV: see apps/ingestion/README.md',
].join('\n');

const SHOWN_REJECTIONS = 20;

/** Where the import reads its environment and writes its report (the same shape as the CLI's `CliIo`). */
export interface ImportIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
}

const processIo: ImportIo = { env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

interface ImportRequest {
  readonly path: string;
  readonly format: ImportFormat;
  readonly batchSize: number;
  readonly apiKey: string;
  readonly progress: boolean;
  readonly size: number;
}

class ImportUsageError extends Error {}

/** The import's arguments, or an `ImportUsageError` saying what is wrong; null for --help. */
const requestOf = async (argv: readonly string[], env: ImportIo['env']): Promise<ImportRequest | null> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        format: { type: 'string' },
        'batch-size': { type: 'string', default: '500' },
        'no-progress': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new ImportUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new ImportUsageError('Name one file to import.');
  const format = values.format ?? formatOf(path);
  if (format !== 'ndjson' && format !== 'csv') throw new ImportUsageError(`Cannot tell the format of ${path}: use --format ndjson|csv.`);
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) throw new ImportUsageError('--batch-size is 1 to 1000.');
  const apiKey = values.key ?? env.RAPPORT_API_KEY;
  if (!apiKey) throw new ImportUsageError('No API key: pass --key or set RAPPORT_API_KEY.');
  const size = await stat(path).then(
    (s) => s.size,
    (error: Error) => {
      throw new ImportUsageError(`Cannot read ${path}: ${error.message}`);
    },
  );
  return { path, format, batchSize, apiKey, progress: !values['no-progress'], size };
};

/** Reads the file through the ingestion path with a progress bar; the caller owns the application. */
const importWith = async (app: INestApplicationContext, principal: PartnerPrincipal, request: ImportRequest, io: ImportIo, signal: AbortSignal): Promise<number> => {
  const ingestion = app.get(EventIngestion, { strict: false });
  const { records, input } = readEventRecords(request.path, request.format);
  const bar =
    request.progress && process.stderr.isTTY
      ? new SingleBar({ format: `${request.path} |{bar}| {percentage}% · {recorded} recorded, {replayed} already there, {rejected} rejected`, hideCursor: true }, Presets.shades_classic)
      : undefined;
  bar?.start(request.size, 0, { recorded: 0, replayed: 0, rejected: 0 });
  const rejections: ImportRejection[] = [];
  const correlationId = randomUUID();
  const summary = await importEvents(
    records,
    (events) => ingestion.recordEach(principal, events, { partnerId: principal.partnerId, now: new Date().toISOString(), correlationId }),
    {
      batchSize: request.batchSize,
      signal,
      onProgress: (s) => bar?.update(input.bytesRead, s),
      onRejected: (r) => void (rejections.length < SHOWN_REJECTIONS && rejections.push(r)),
    },
  );
  input.destroy();
  bar?.update(summary.interrupted ? input.bytesRead : request.size, summary);
  bar?.stop();
  for (const r of rejections) io.err(`line ${r.line}${r.externalId ? ` (${r.externalId})` : ''}: ${r.code} ${r.message}\n`);
  if (summary.rejected > rejections.length) io.err(`… and ${summary.rejected - rejections.length} more rejected\n`);
  io.out(`${summary.read} read: ${summary.recorded} recorded, ${summary.replayed} already recorded, ${summary.rejected} rejected\n`);
  if (summary.interrupted) {
    io.out('Interrupted: run the same command again to finish; nothing is recorded twice.\n');
    return 130;
  }
  return summary.rejected > 0 ? 1 : 0;
};

const STORE_HINT = 'The embedded store serves one process at a time: stop a running Rapport first, or set EVENT_STORE/DATABASE_URL.';

/**
 * `rapport import …` (argv: the arguments after `import`). Resolves to the exit code: 0 when every event was
 * recorded (now or earlier), 1 when some were rejected, 2 for bad usage, an unusable key or a store that
 * cannot be opened, 130 when interrupted (Ctrl-C stops after the batch in flight). The progress bar goes to
 * stderr when it is a terminal.
 */
export const runImport = async (argv: readonly string[], io: ImportIo = processIo): Promise<number> => {
  let request: ImportRequest | null;
  try {
    request = await requestOf(argv, io.env);
  } catch (error) {
    if (!(error instanceof ImportUsageError)) throw error;
    io.err(`${error.message}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  if (!request) {
    io.out(`${IMPORT_USAGE}\n`);
    return 0;
  }
  let store: EventStore;
  try {
    store = await createEventStore(eventStoreConfigFromEnv(io.env));
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.err(`${error.message}\n${STORE_HINT}\n`);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(ingestionModuleOn(store), { logger: ['error', 'warn'] });
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    const principal = await authenticate(app.get<CredentialVerifier>(CREDENTIAL_VERIFIER, { strict: false }), request.apiKey);
    return await importWith(app, principal, request, io, interrupt.signal);
  } catch (error) {
    if (!isRapportError(error)) throw error;
    io.err(`${error.code}: ${error.message}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
    await app.close();
    await store.close();
  }
};
