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
 * For the first three it also counts CPU per event, split by process: this one (the server, or the store's
 * client), the partner's, and PostgreSQL's when it runs on this machine (bench/support/cpu-meter.ts). A
 * RecordEvents call does a store append's work and a gRPC-alone call's work, so once the store's appends keep
 * both cores busy (enough calls in flight), `ratio` cannot pass store / (store + gRPC alone) in CPU per event:
 * `ratioCpuCeiling`. The cores each kind of call kept busy are printed next to it.
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
import { localPostgresCpu, processCpu } from './support/cpu-meter';
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

/** CPU µs per event of one kind of call, by process; postgres null where PostgreSQL is not on this machine. */
interface CpuOfCall {
  readonly server: number;
  readonly partner: number;
  readonly postgres: number | null;
}

type CallKind = 'recordEvents' | 'storeAppend' | 'grpcAlone';

interface Run {
  readonly recordEventsPerSec: number;
  readonly storeAppendPerSec: number;
  readonly grpcAlonePerSec: number;
  readonly streamEventsPerSec: number;
  readonly cpuUsPerEvent: Record<CallKind, CpuOfCall>;
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
/** What the client measured of a piece of work: its wall time and the client process's CPU meanwhile. */
interface Measured {
  readonly ms: number;
  readonly cpuMs: number;
}
type FromClient = { readonly id: number } & ((Measured & { readonly kind: 'done' }) | { readonly kind: 'failed'; readonly message: string });

/** The partner's side runs in a process of its own, as it would: its serialisation does not share the server's thread. */
class PartnerProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (measured: Measured) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor() {
    this.child = fork(__filename, ['client'], { stdio: 'inherit', execArgv: [] });
    this.child.on('message', (message: FromClient) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.kind === 'failed') pending?.reject(new Error(message.message));
      else pending?.resolve({ ms: message.ms, cpuMs: message.cpuMs });
    });
  }

  /** Resolves with the milliseconds the work took and the client's CPU meanwhile, as the client measured them. */
  ask(work: Work): Promise<Measured> {
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

/** CPU spent on one kind of call, summed over its turns, in seconds (postgres null where it cannot be read). */
class CpuTally {
  server = 0;
  partner = 0;
  postgres: number | null = 0;

  /** Runs `side`, which resolves with the partner's CPU ms (0 when it does not involve the partner), and adds what each process spent. */
  async measure(side: () => Promise<number>): Promise<void> {
    // Reading /proc costs this process a few ms: it stays outside this process's own reading.
    const postgres = localPostgresCpu();
    const server = processCpu();
    this.partner += (await side()) / 1000;
    this.server += processCpu() - server;
    const postgresAfter = localPostgresCpu();
    this.postgres = this.postgres === null || postgres === null || postgresAfter === null ? null : this.postgres + postgresAfter - postgres;
  }

  perEvent(events: number): CpuOfCall {
    const us = (seconds: number) => Math.round((seconds * 1e6) / events);
    return { server: us(this.server), partner: us(this.partner), postgres: this.postgres === null ? null : us(this.postgres) };
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
  const cpu = { recordEvents: new CpuTally(), storeAppend: new CpuTally(), grpcAlone: new CpuTally() };
  for (let turn = 0; turn * BATCH * CONCURRENCY < EVENTS; turn++) {
    const labels = Array.from({ length: CONCURRENCY }, (_, c) => `r${rep}t${turn}c${c}`);
    const appends = labels.map((label) => asAppends(events(label, BATCH), '_store'));
    const viaGrpc = () =>
      cpu.recordEvents.measure(async () => {
        const measured = await partner.ask({ kind: 'record', labels, count: BATCH });
        grpcMs += measured.ms;
        return measured.cpuMs;
      });
    const viaGrpcAlone = () =>
      cpu.grpcAlone.measure(async () => {
        const measured = await partner.ask({ kind: 'record', labels: labels.map((label) => `${label}_alone`), count: BATCH, target: 'grpc-alone' });
        aloneMs += measured.ms;
        return measured.cpuMs;
      });
    const viaStore = () =>
      cpu.storeAppend.measure(async () => {
        const t = performance.now();
        await Promise.all(appends.flat().map((a) => store.appendToStream(a.streamId, a.events, { expectedRevision: 'no_stream' })));
        storeMs += performance.now() - t;
        return 0;
      });
    const sides = [viaGrpc, viaStore, viaGrpcAlone];
    for (let k = 0; k < sides.length; k++) await sides[(turn + k) % sides.length]();
  }
  const perSec = (ms: number) => EVENTS / (ms / 1000);
  return {
    recordEventsPerSec: perSec(grpcMs),
    storeAppendPerSec: perSec(storeMs),
    grpcAlonePerSec: perSec(aloneMs),
    cpuUsPerEvent: { recordEvents: cpu.recordEvents.perEvent(EVENTS), storeAppend: cpu.storeAppend.perEvent(EVENTS), grpcAlone: cpu.grpcAlone.perEvent(EVENTS) },
  };
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
      const [t, cpu] = [performance.now(), process.cpuUsage()];
      await work();
      const { user, system } = process.cpuUsage(cpu);
      reply({ id: message.id, kind: 'done', ms: performance.now() - t, cpuMs: (user + system) / 1000 });
    };
    const run = async () => {
      switch (message.kind) {
        case 'connect':
          client = new IngestionServiceClient(message.address, credentials.createInsecure());
          grpcAlone = new IngestionServiceClient(message.grpcAloneAddress, credentials.createInsecure());
          metadata.set('authorization', `Bearer ${message.secret}`);
          return reply({ id: message.id, kind: 'done', ms: 0, cpuMs: 0 });
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
    const stream = await partner.ask({ kind: 'stream', label: `s${rep}`, count: STREAM_EVENTS });
    return { ...appended, streamEventsPerSec: STREAM_EVENTS / (stream.ms / 1000) };
  } finally {
    grpcAlone.close();
    await app.close();
    await store.close();
  }
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The ratio a call would reach if deciding and recording cost nothing but the store's append: gRPC alone, then the append. */
const ceilingOf = ({ grpcAlonePerSec, storeAppendPerSec }: Run) => grpcAlonePerSec / (grpcAlonePerSec + storeAppendPerSec);

/** All the CPU a kind of call takes per event; null without PostgreSQL's share. */
const cpuTotal = ({ server, partner, postgres }: CpuOfCall): number | null => (postgres === null ? null : server + partner + postgres);

/**
 * The ratio calls would reach if a RecordEvents call cost no CPU beyond a store append and a gRPC-alone call, once
 * the cores are busy: a bound only when the store's appends fill the two cores (the cores each kind used are printed).
 */
const cpuCeilingOf = ({ cpuUsPerEvent }: Run): number | null => {
  const [store, grpc] = [cpuTotal(cpuUsPerEvent.storeAppend), cpuTotal(cpuUsPerEvent.grpcAlone)];
  return store === null || grpc === null ? null : store / (store + grpc);
};

/** CPU per event by process, and the cores that kind of call kept busy at its rate. */
const describeCpu = (c: CpuOfCall, perSec: number) => {
  const total = cpuTotal(c);
  const cores = total === null ? '' : `, ${((total * perSec) / 1e6).toFixed(2)} cores`;
  return `${total ?? '?'} µs (server ${c.server}, partner ${c.partner}, PostgreSQL ${c.postgres ?? 'not on this machine'}${cores})`;
};

/** Field by field, the median over the repetitions. */
const medianCpu = (of: readonly CpuOfCall[]): CpuOfCall => ({
  server: median(of.map((c) => c.server)),
  partner: median(of.map((c) => c.partner)),
  postgres: of.some((c) => c.postgres === null) ? null : median(of.map((c) => c.postgres!)),
});

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
      const { recordEvents, storeAppend, grpcAlone } = run.cpuUsPerEvent;
      console.log(
        `       CPU per event: RecordEvents ${describeCpu(recordEvents, run.recordEventsPerSec)}; store append ${describeCpu(storeAppend, run.storeAppendPerSec)}; ` +
          `gRPC alone ${describeCpu(grpcAlone, run.grpcAlonePerSec)}; CPU ceiling ${cpuCeilingOf(run)?.toFixed(3) ?? '?'}`,
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
    cpuUsPerEvent: {
      recordEvents: medianCpu(runs.map((r) => r.cpuUsPerEvent.recordEvents)),
      storeAppend: medianCpu(runs.map((r) => r.cpuUsPerEvent.storeAppend)),
      grpcAlone: medianCpu(runs.map((r) => r.cpuUsPerEvent.grpcAlone)),
    },
    ratioCpuCeiling: runs.some((r) => cpuCeilingOf(r) === null) ? null : Number(median(runs.map((r) => cpuCeilingOf(r)!)).toFixed(3)),
  };
  console.log(`\n${EVENTS} events in RecordEvents calls of ${BATCH}, ${STREAM_EVENTS} on one StreamEvents call; median of ${REPETITIONS} (events/s)`);
  console.log(`RecordEvents ${result.recordEventsPerSec} · store append ${result.storeAppendPerSec} · ratio ${result.ratio} (target ≥ 0.7, ≥ 10,000/s) · StreamEvents ${result.streamEventsPerSec} (target ≥ 5,000/s)`);
  // Calls in flight together overlap gRPC with the appends, and the sum no longer bounds anything.
  if (CONCURRENCY === 1) console.log(`gRPC alone ${result.grpcAlonePerSec} · ratio ceiling with one call in flight ${result.ratioCeiling} (gRPC alone, then the store's append, nothing decided)`);
  const { recordEvents, storeAppend, grpcAlone } = result.cpuUsPerEvent;
  console.log(
    `CPU per event: RecordEvents ${describeCpu(recordEvents, result.recordEventsPerSec)} · store append ${describeCpu(storeAppend, result.storeAppendPerSec)} · ` +
      `gRPC alone ${describeCpu(grpcAlone, result.grpcAlonePerSec)}`,
  );
  console.log(`ratio ceiling once the store's appends fill the cores ${result.ratioCpuCeiling ?? '? (PostgreSQL not on this machine)'} (store append / (store append + gRPC alone), CPU per event, nothing decided)`);
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
