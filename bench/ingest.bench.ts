/**
 * Partner ingestion throughput over gRPC into PostgreSQL, against the event store's own append in the same run.
 *
 *   RecordEvents  BENCH_EVENTS events (default 50,000) as calls of 500 events, one call at a time from a real
 *                 grpc-js client over loopback: each call is 5 new relationships × 100 InvoicePaid, each with its
 *                 external id. Inside, the server authenticates the key, validates, checks the grant, and records
 *                 each relationship through the RecordRelationshipFacts handler (decide on the empty stream
 *                 and append at no_stream: the process has not seen the relationship, and the store tells
 *                 where it wrote, so there is neither a read first nor a read-back) with up to 8 at a time.
 *   store append  the same events as the handler appends them (same data, same metadata with the idempotency
 *                 mark, deterministic ids), 5 appends of 100 to new streams per 500, run together like the
 *                 handler's: what recording would cost if gRPC, validation and deciding cost nothing.
 *   gRPC alone    the same RecordEvents calls from the same client to a server in this process that decodes each
 *                 call and answers every event accepted, recording nothing: what gRPC and protobuf cost on their
 *                 own. With one call in flight, a call cannot be faster than this plus the store's append, so
 *                 `ratioCeiling` = gRPC alone / (gRPC alone + store append) bounds `ratio` when deciding costs nothing.
 *                 The three take turns call by call, so all meet the same load; each is its events over its time.
 *   StreamEvents  BENCH_STREAM_EVENTS events (default 20,000) on one stream, 100 per relationship, one ack per
 *                 event, the client respecting write backpressure; events over the time to the last ack.
 *
 * The server and the store's appends run in this process, with the ingestion server's node flags (package.json);
 * the partner's client runs in a process of its own (this file, forked with `client`, on node without them). Three repetitions,
 * medians; results in bench/results/ingest.json. BENCH_POSTGRES_URL (default postgres://127.0.0.1:5432/postgres)
 * is where a scratch database is created and dropped; BENCH_EVENTS, BENCH_STREAM_EVENTS and
 * BENCH_REPETITIONS shrink the run (a quick one: 10000, 5000, 1); BENCH_CONCURRENCY (default 1) puts that many
 * RecordEvents calls in flight at once (and that many store batches on the other side). Only a run with every
 * default writes the JSON.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { NestFactory } from '@nestjs/core';
import { credentials, Metadata, Server, ServerCredentials } from '@grpc/grpc-js';
import { CredentialService, requestHashOf } from '#libs/access';
import { PostgresEventStore, type EventData, type EventStore } from '#libs/event-store';
import {
  Event,
  IngestionServiceClient,
  IngestionServiceService,
  type IngestionServiceServer,
  type RecordEventsResponse,
  type StreamEventsResponse,
} from '../apps/ingestion/src/generated/rapport/ingestion/v1/ingestion';
import { ingestionModuleOn, startIngestionServer } from '../apps/ingestion/src';
import { DEFAULT_STREAM_LIMITS } from '../apps/ingestion/src/grpc/stream-events.session';
import { writeBenchResults } from './support/results';
import { withScratchDatabase } from './support/scratch-database';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const STREAM_EVENTS = Number(process.env.BENCH_STREAM_EVENTS ?? 20_000);
const BATCH = 500;
/** RecordEvents calls in flight at once (and store batches, on the other side). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const PER_RELATIONSHIP = 100;
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const PARTNER = 'bench_partner';
const SUPPLIER = 'supplier';

interface Run {
  readonly recordEventsPerSec: number;
  readonly storeAppendPerSec: number;
  readonly grpcAlonePerSec: number;
  readonly streamEventsPerSec: number;
}

const invoice = (externalId: string, clientId: string, i: number): Event =>
  Event.fromPartial({
    externalId,
    supplierId: SUPPLIER,
    clientId,
    onBehalfOf: SUPPLIER,
    kind: { $case: 'invoicePaid', value: { invoiceId: externalId, amount: 1250 + i, currency: 'EUR', dueAt: '2026-03-01T00:00:00.000Z', paidAt: '2026-02-27T10:15:00.000Z' } },
  });

/** `count` events, PER_RELATIONSHIP per new relationship named by `label`. */
const events = (label: string, count: number): Event[] =>
  Array.from({ length: count }, (_, i) => invoice(`${label}-${i}`, `${label}_${Math.floor(i / PER_RELATIONSHIP)}`, i));

/** The store's side: what the handler appends for `batch`, to streams of its own. */
const asAppends = (batch: readonly Event[], label: string): { streamId: string; events: EventData[] }[] => {
  const streams = new Map<string, EventData[]>();
  for (const event of batch) {
    if (event.kind?.$case !== 'invoicePaid') throw new Error('bench events are invoices');
    const { supplierId, clientId, externalId } = event;
    const { invoiceId, amount, currency, dueAt = '', paidAt = '' } = event.kind.value;
    const data = { supplierId, clientId, invoiceId, amount, currency, dueAt, paidAt };
    const streamId = `relationship-${supplierId}-${clientId}${label}`;
    const list = streams.get(streamId) ?? [];
    list.push({
      id: crypto.randomUUID(),
      type: 'InvoicePaid',
      data,
      metadata: {
        recordedBy: SUPPLIER,
        source: `partner:${PARTNER}`,
        attested: true,
        correlationId: crypto.randomUUID(),
        schemaVersion: 1,
        idempotency: { key: externalId, request: requestHashOf({ command: { type: 'RecordInvoicePaid', data }, onBehalfOf: SUPPLIER }) },
      },
    });
    streams.set(streamId, list);
  }
  return [...streams].map(([streamId, list]) => ({ streamId, events: list }));
};

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));

const call = (client: IngestionServiceClient, batch: Event[], metadata: Metadata) =>
  new Promise<RecordEventsResponse>((resolve, reject) => client.recordEvents({ events: batch }, metadata, (e, r) => (e ? reject(e) : resolve(r))));

const requireAccepted = (results: RecordEventsResponse['results']) => {
  const bad = results.find((r) => r.outcome?.$case !== 'accepted' || r.outcome.value.replayed);
  if (bad) throw new Error(`event ${bad.externalId} not recorded: ${JSON.stringify(bad.outcome)}`);
};

/**
 * gRPC and protobuf alone: a server that decodes each RecordEvents call and answers every event accepted with
 * an answer of the real one's size (its stream, one event id, a revision), recording nothing.
 */
const listenGrpcAlone = async (): Promise<{ port: number; close: () => void }> => {
  const answerEveryEvent: IngestionServiceServer = {
    recordEvents: (call, callback) => {
      const results = call.request.events.map((event, i) => ({
        externalId: event.externalId,
        outcome: {
          $case: 'accepted' as const,
          value: { replayed: false, streamId: `relationship-${event.supplierId}-${event.clientId}`, eventIds: [crypto.randomUUID()], revision: i % PER_RELATIONSHIP },
        },
      }));
      callback(null, { results });
    },
    streamEvents: (call) => call.end(),
  };
  const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  server.addService(IngestionServiceService, answerEveryEvent);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { port, close: () => server.forceShutdown() };
};

/** Messages between the bench (server side) and its client process. */
type Target = 'rapport' | 'grpc-alone';
type Work =
  | { readonly kind: 'connect'; readonly address: string; readonly grpcAloneAddress: string; readonly secret: string }
  /** One RecordEvents call per label, all in flight at once; the client times the calls alone, its batches already built. */
  | { readonly kind: 'record'; readonly labels: readonly string[]; readonly count: number; readonly target?: Target }
  | { readonly kind: 'stream'; readonly label: string; readonly count: number };
type ToClient = Work & { readonly id: number };
type FromClient = { readonly id: number } & ({ readonly kind: 'done'; readonly ms: number } | { readonly kind: 'failed'; readonly message: string });

/** The partner's side runs in a process of its own, as it would: its serialisation does not share the server's thread. */
class PartnerProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (ms: number) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor() {
    this.child = fork(__filename, ['client'], { stdio: 'inherit', execArgv: [] });
    this.child.on('message', (message: FromClient) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.kind === 'failed') pending?.reject(new Error(message.message));
      else pending?.resolve(message.ms);
    });
  }

  /** Resolves with the milliseconds the work took, as the client measured it. */
  ask(work: Work): Promise<number> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...work, id });
    });
  }

  stop(): void {
    this.child.kill();
  }
}

const measureRecordAndAppend = async (partner: PartnerProcess, store: EventStore, rep: number) => {
  for (let k = 0; k < 10; k++) {
    await partner.ask({ kind: 'record', labels: [`w${rep}b${k}`], count: BATCH });
    await partner.ask({ kind: 'record', labels: [`w${rep}b${k}_alone`], count: BATCH, target: 'grpc-alone' });
    const appends = asAppends(events(`w${rep}b${k}`, BATCH), '_warm');
    await Promise.all(appends.map((a) => store.appendToStream(a.streamId, a.events, { expectedRevision: 'no_stream' })));
  }
  let grpcMs = 0;
  let storeMs = 0;
  let aloneMs = 0;
  for (let turn = 0; turn * BATCH * CONCURRENCY < EVENTS; turn++) {
    const labels = Array.from({ length: CONCURRENCY }, (_, c) => `r${rep}t${turn}c${c}`);
    const appends = labels.map((label) => asAppends(events(label, BATCH), '_store'));
    const viaGrpc = async () => {
      grpcMs += await partner.ask({ kind: 'record', labels, count: BATCH });
    };
    const viaGrpcAlone = async () => {
      aloneMs += await partner.ask({ kind: 'record', labels: labels.map((label) => `${label}_alone`), count: BATCH, target: 'grpc-alone' });
    };
    const viaStore = async () => {
      const t = performance.now();
      await Promise.all(appends.flat().map((a) => store.appendToStream(a.streamId, a.events, { expectedRevision: 'no_stream' })));
      storeMs += performance.now() - t;
    };
    const sides = [viaGrpc, viaStore, viaGrpcAlone];
    for (let k = 0; k < sides.length; k++) await sides[(turn + k) % sides.length]();
  }
  const perSec = (ms: number) => EVENTS / (ms / 1000);
  return { recordEventsPerSec: perSec(grpcMs), storeAppendPerSec: perSec(storeMs), grpcAlonePerSec: perSec(aloneMs) };
};

/** The client process: a `record`'s RecordEvents calls (one per label, at once), or a `stream`'s StreamEvents call, timed here. */
const runPartner = () => {
  let client: IngestionServiceClient | undefined;
  let grpcAlone: IngestionServiceClient | undefined;
  const metadata = new Metadata();
  const reply = (message: FromClient) => process.send?.(message);
  const connected = (target: Target = 'rapport'): IngestionServiceClient => {
    const chosen = target === 'rapport' ? client : grpcAlone;
    if (!chosen) throw new Error('the bench sent work before connecting');
    return chosen;
  };
  process.on('message', (message: ToClient) => {
    const timed = async (work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      reply({ id: message.id, kind: 'done', ms: performance.now() - t });
    };
    const run = async () => {
      switch (message.kind) {
        case 'connect':
          client = new IngestionServiceClient(message.address, credentials.createInsecure());
          grpcAlone = new IngestionServiceClient(message.grpcAloneAddress, credentials.createInsecure());
          metadata.set('authorization', `Bearer ${message.secret}`);
          return reply({ id: message.id, kind: 'done', ms: 0 });
        case 'record': {
          const [batches, c] = [message.labels.map((label) => events(label, message.count)), connected(message.target)];
          return timed(() => Promise.all(batches.map(async (batch) => requireAccepted((await call(c, batch, metadata)).results))));
        }
        case 'stream': {
          const [sent, c] = [events(message.label, message.count), connected()];
          return timed(() => streamAll(c, sent, metadata));
        }
      }
    };
    run().catch((error: unknown) => reply({ id: message.id, kind: 'failed', message: String(error) }));
  });
  process.on('disconnect', () => process.exit(0));
};

const streamAll = (client: IngestionServiceClient, sent: readonly Event[], metadata: Metadata): Promise<void> =>
  new Promise((resolve, reject) => {
    const stream = client.streamEvents(metadata);
    let acked = 0;
    stream.on('data', (ack: StreamEventsResponse) => {
      if (ack.result?.outcome?.$case !== 'accepted') return reject(new Error(`event ${ack.sequence} not recorded: ${JSON.stringify(ack.result)}`));
      if (++acked === sent.length) {
        resolve();
        stream.end();
      }
    });
    stream.on('error', reject);
    let next = 0;
    const pump = () => {
      while (next < sent.length) if (!stream.write({ event: sent[next++] })) return void stream.once('drain', pump);
    };
    pump();
  });

const once = async (url: string, rep: number, partner: PartnerProcess): Promise<Run> => {
  const store = new PostgresEventStore(url, { schema: `bench_r${rep}` });
  await store.headPosition();
  const app = await NestFactory.createApplicationContext(ingestionModuleOn(store), { logger: ['error', 'warn'] });
  const grpcAlone = await listenGrpcAlone();
  try {
    const server = await startIngestionServer(app, { port: 0, host: '127.0.0.1', limits: DEFAULT_STREAM_LIMITS });
    const { secret } = await app.get(CredentialService, { strict: false }).issue({ kind: 'partner', partnerId: PARTNER, parties: [SUPPLIER], eventTypes: 'all' });
    await partner.ask({ kind: 'connect', address: `127.0.0.1:${server.port}`, grpcAloneAddress: `127.0.0.1:${grpcAlone.port}`, secret });
    const appended = await measureRecordAndAppend(partner, store, rep);
    const streamMs = await partner.ask({ kind: 'stream', label: `s${rep}`, count: STREAM_EVENTS });
    return { ...appended, streamEventsPerSec: STREAM_EVENTS / (streamMs / 1000) };
  } finally {
    grpcAlone.close();
    await app.close();
    await store.close();
  }
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The ratio a call would reach if deciding and recording cost nothing but the store's append: gRPC alone, then the append. */
const ceilingOf = ({ grpcAlonePerSec, storeAppendPerSec }: Run) => grpcAlonePerSec / (grpcAlonePerSec + storeAppendPerSec);

const main = async () => {
  const partner = new PartnerProcess();
  const runs = await withScratchDatabase('rapport_bench', async (url) => {
    const done: Run[] = [];
    for (let rep = 1; rep <= REPETITIONS; rep++) {
      const run = await once(url, rep, partner);
      done.push(run);
      const f = (n: number) => n.toFixed(0);
      console.log(
        `rep ${rep}: RecordEvents ${f(run.recordEventsPerSec)}/s, store append ${f(run.storeAppendPerSec)}/s, ratio ${(run.recordEventsPerSec / run.storeAppendPerSec).toFixed(3)}, ` +
          `gRPC alone ${f(run.grpcAlonePerSec)}/s, ceiling ${ceilingOf(run).toFixed(3)}, StreamEvents ${f(run.streamEventsPerSec)}/s`,
      );
    }
    return done;
  }).finally(() => partner.stop());
  const recordEventsPerSec = Math.round(median(runs.map((r) => r.recordEventsPerSec)));
  const storeAppendPerSec = Math.round(median(runs.map((r) => r.storeAppendPerSec)));
  const result = {
    recordEventsPerSec,
    storeAppendPerSec,
    ratio: Number(median(runs.map((r) => r.recordEventsPerSec / r.storeAppendPerSec)).toFixed(3)),
    grpcAlonePerSec: Math.round(median(runs.map((r) => r.grpcAlonePerSec))),
    ratioCeiling: Number(median(runs.map(ceilingOf)).toFixed(3)),
    streamEventsPerSec: Math.round(median(runs.map((r) => r.streamEventsPerSec))),
  };
  console.log(`\n${EVENTS} events in RecordEvents calls of ${BATCH}, ${STREAM_EVENTS} on one StreamEvents call; median of ${REPETITIONS} (events/s)`);
  console.log(`RecordEvents ${result.recordEventsPerSec} · store append ${result.storeAppendPerSec} · ratio ${result.ratio} (target ≥ 0.7, ≥ 10,000/s) · StreamEvents ${result.streamEventsPerSec} (target ≥ 5,000/s)`);
  // Calls in flight together overlap gRPC with the appends, and the sum no longer bounds anything.
  if (CONCURRENCY === 1) console.log(`gRPC alone ${result.grpcAlonePerSec} · ratio ceiling with one call in flight ${result.ratioCeiling} (gRPC alone, then the store's append, nothing decided)`);
  // A shrunk or reshaped run is a quick look, not the figures the targets are about.
  if (EVENTS !== 50_000 || STREAM_EVENTS !== 20_000 || REPETITIONS !== 3 || CONCURRENCY !== 1) return;
  await writeBenchResults('ingest', result);
};

if (process.argv[2] === 'client') runPartner();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
