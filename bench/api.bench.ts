/**
 * GraphQL API throughput and latency, with autocannon on loopback against the real server built in dist,
 * run as a child process (`node dist/apps/api/src/main.js --demo`) so that the load generator does not
 * share its event loop. Each server seeds the demo through its own start path and prints its tokens.
 *
 *   reads      embedded store (PGlite in a temporary directory, read models in memory), 50 connections:
 *              `{ __typename }` and `party(id: "harbor_foods") { asClient { score grade } }` (ten years of
 *              history) in turns, as the demo's party token — every request verifies its token on the store
 *   reads on PostgreSQL + Redis   the same two queries on the production layout: PostgreSQL (a scratch
 *              database created and dropped), read models in Redis written by `apps/projector` in a process of
 *              its own, measured once it has caught up with the demo (`production` in the JSON)
 *   mutation   the same server, the projector stopped (as these figures were first measured), 20
 *              connections: `recordInvoicePaid` for the demo's supplier, each request a new invoice of one of
 *              500 clients, so streams stay short
 *
 *   store      for scale, in the same database right after: the event store's own append of one event to a new
 *              stream, 20 at a time, with no API in front — a floor under the mutation's latency (a mutation
 *              also reads its credential's stream and its relationship's stream before it appends)
 *
 * A warm-up, then BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS seconds each (default 10) per figure;
 * medians reported. Results in bench/results/api.json, written only by a run with the default rounds and
 * seconds. BENCH_POSTGRES_URL (default postgres://127.0.0.1:5432/postgres) is where the scratch database is
 * created; REDIS_URL as the API reads it.
 * The busiest processes on the machine are printed at the start and the end: figures move with them.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { PostgresEventStore } from '#libs/event-store';
import { dropPrefix } from './support/redis-prefix';
import { withScratchDatabase } from './support/scratch-database';
import { writeBenchResults } from './support/results';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const READ_CONNECTIONS = 50;
const WRITE_CONNECTIONS = 20;
const CLIENTS = 500;
const MAIN = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
const PROJECTOR_MAIN = join(__dirname, '..', 'apps', 'projector', 'src', 'main.js');

const TRIVIAL = JSON.stringify({ query: '{ __typename }' });
const PARTY = JSON.stringify({ query: '{ party(id: "harbor_foods") { asClient { score grade } } }' });
const RECORD_INVOICE = 'mutation ($input: RecordInvoicePaidInput!) { recordInvoicePaid(input: $input) { eventIds revision } }';

interface Server {
  readonly url: string;
  readonly token: string;
  stop(): Promise<void>;
}

/** Starts `main` with `env`, on a free port, and answers once its banner names the URL and the token. */
const startServer = (env: Record<string, string>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [MAIN, '--demo'], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`the server did not start within 5 minutes:\n${output.slice(-2000)}`)), 300_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.on('exit', (code) => fail(new Error(`the server exited (${code}):\n${output.slice(-2000)}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Rapport API: (http:\/\/localhost:\d+\/graphql)/.exec(output)?.[1];
      const token = /export TOKEN=(\S+)/.exec(output)?.[1];
      if (!url || !token) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      // A child ended by a signal has a signalCode and no exitCode.
      const ended = () => child.exitCode !== null || child.signalCode !== null;
      const stop = () => new Promise<void>((done) => (ended() ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))));
      resolve({ url, token, stop });
    });
  });

const post = async (server: Server, body: string): Promise<unknown> => {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body });
  return response.json();
};

interface Measured {
  readonly rps: number;
  readonly p99Ms: number;
}

/** One autocannon run; a non-2xx answer or a GraphQL error in any response fails the benchmark. */
const cannon = async (server: Server, connections: number, seconds: number, body: string | (() => string)): Promise<Measured> => {
  let graphqlErrors = 0;
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    requests: [
      {
        ...(typeof body === 'string' ? { body } : { setupRequest: (request) => ({ ...request, body: body() }) }),
        onResponse: (_status, responseBody) => {
          if (responseBody.includes('"errors"')) graphqlErrors++;
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0 || graphqlErrors > 0) {
    throw new Error(`failed requests: ${result.non2xx} non-2xx, ${result.errors} connection errors, ${graphqlErrors} GraphQL errors`);
  }
  return { rps: result.requests.average, p99Ms: result.latency.p99 };
};

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Reads {
  readonly trivial: Measured[];
  readonly party: Measured[];
}

/** `{ __typename }` and the party query in turns, BENCH_ROUNDS rounds, on a server whose read models hold the demo. */
const measureReads = async (server: Server, label: string): Promise<Reads> => {
  const sample = JSON.stringify(await post(server, PARTY));
  if (!sample.includes('"grade":"A"')) throw new Error(`unexpected answer to the party query: ${sample}`);
  await cannon(server, READ_CONNECTIONS, WARM_UP_SECONDS, TRIVIAL);
  await cannon(server, READ_CONNECTIONS, WARM_UP_SECONDS, PARTY);
  const trivial: Measured[] = [];
  const party: Measured[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    trivial.push(await cannon(server, READ_CONNECTIONS, SECONDS, TRIVIAL));
    party.push(await cannon(server, READ_CONNECTIONS, SECONDS, PARTY));
    console.log(`reads ${label}, round ${round + 1}: trivial ${trivial[round].rps.toFixed(0)}/s (p99 ${trivial[round].p99Ms} ms), party ${party[round].rps.toFixed(0)}/s (p99 ${party[round].p99Ms} ms)`);
  }
  return { trivial, party };
};

const measureEmbeddedReads = async (): Promise<Reads> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-bench-api-'));
  const server = await startServer({ EVENT_STORE: 'pglite', PGLITE_DATA_DIR: dataDir, READ_MODELS: 'memory' });
  try {
    return await measureReads(server, 'on the embedded store');
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** `apps/projector` in a process of its own on the same log and Redis prefix, as production runs it. */
const startProjector = (env: Record<string, string>): { stop: () => Promise<void> } => {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', PROJECTOR_MAIN], { env: { ...process.env, PROJECTOR_LAG_LOG_MS: '0', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  return { stop: () => new Promise<void>((done) => (ended() ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))) };
};

/** Until `/health` shows every read model caught up with the log. */
const projected = async (server: Server): Promise<void> => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const health = (await (await fetch(server.url.replace(/\/graphql$/, '/health'))).json()) as { readModels: { projections: { caughtUp: boolean }[] } };
    if (health.readModels.projections.every((p) => p.caughtUp)) return;
    if (Date.now() > deadline) throw new Error(`the read models did not catch up: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const readFigures = (reads: Reads) => {
  const trivialRps = Math.round(median(reads.trivial.map((r) => r.rps)));
  const partyRps = Math.round(median(reads.party.map((r) => r.rps)));
  return { trivialRps, partyRps, ratio: Number((partyRps / trivialRps).toFixed(3)), partyP99Ms: median(reads.party.map((r) => r.p99Ms)) };
};

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** The store alone: WRITE_CONNECTIONS writers appending one event each to a new stream, for `seconds`. */
const bareAppends = async (databaseUrl: string, seconds: number): Promise<Measured> => {
  const store = new PostgresEventStore(databaseUrl, { schema: 'bench_bare' });
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let n = 0;
  try {
    await store.headPosition();
    const writer = async () => {
      while (performance.now() < until) {
        const i = n++;
        const started = performance.now();
        const data = { supplierId: 'lumen', clientId: `bare_${i}`, invoiceId: `bare-${i}`, amount: 1000, currency: 'EUR', dueAt: '2026-01-01T00:00:00.000Z', paidAt: '2026-01-01T00:00:00.000Z' };
        const metadata = { recordedBy: 'lumen', source: 'party', attested: false, correlationId: `bare-${i}`, schemaVersion: 1 };
        await store.appendToStream(`relationship-lumen-bare_${i}`, [{ id: crypto.randomUUID(), type: 'InvoicePaid', data, metadata }], { expectedRevision: 'no_stream' });
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: WRITE_CONNECTIONS }, writer));
  } finally {
    await store.close();
  }
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99Ms: Number(percentile(latencies, 99).toFixed(1)) };
};

/** Reads on PostgreSQL and Redis, with a projector running; then, the projector stopped, the mutation and the bare append. */
const measureOnPostgres = () =>
  withScratchDatabase('rapport_bench_api', async (databaseUrl) => {
    const prefix = `rapport_bench_api_${randomBytes(4).toString('hex')}:`;
    // Every key under the run's prefix, BullMQ's too (the API reads the jobs' state), so that dropping it cleans up.
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, READ_MODEL_PREFIX: prefix, WORKER_PREFIX: `${prefix}worker` };
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const day = 86_400_000;
    const today = Math.floor(Date.now() / day) * day;
    const [dueAt, paidAt] = [new Date(today - 10 * day).toISOString(), new Date(today - 12 * day).toISOString()];
    let sent = 0;
    const nextInvoice = () => {
      const i = sent++;
      const input = { supplierId: 'lumen', clientId: `bench_client_${i % CLIENTS}`, invoiceId: `bench-${i}`, amount: 1000 + (i % 97), currency: 'EUR', dueAt, paidAt };
      return JSON.stringify({ query: RECORD_INVOICE, variables: { input } });
    };
    let server: Server | undefined;
    try {
      server = await startServer({ ...env, READ_MODELS: 'redis' });
      const projector = startProjector(env);
      let reads: Reads;
      try {
        await projected(server);
        reads = await measureReads(server, 'on PostgreSQL and Redis');
      } finally {
        // The mutations are measured without a projector, as before reads on Redis were: the figures compare.
        await projector.stop();
      }
      const sample = JSON.stringify(await post(server, nextInvoice()));
      if (!/"eventIds":\["[0-9a-f-]{36}"\]/.test(sample)) throw new Error(`unexpected answer to the mutation: ${sample}`);
      await cannon(server, WRITE_CONNECTIONS, WARM_UP_SECONDS, nextInvoice);
      const runs: Measured[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        runs.push(await cannon(server, WRITE_CONNECTIONS, SECONDS, nextInvoice));
        console.log(`recordInvoicePaid on PostgreSQL, round ${round + 1}: ${runs[round].rps.toFixed(0)}/s, p99 ${runs[round].p99Ms} ms`);
      }
      await server.stop();
      const bare = await bareAppends(databaseUrl, SECONDS);
      console.log(`bare event-store append on PostgreSQL: ${bare.rps.toFixed(0)}/s, p99 ${bare.p99Ms} ms`);
      return { reads, runs, bare };
    } finally {
      await server?.stop();
      await dropPrefix(redis, prefix);
      await redis.quit();
    }
  });

const busiest = (): string => {
  try {
    return execSync('ps -eo pcpu,args --sort=-pcpu | head -8', { encoding: 'utf8' }).replace(/^/gm, '    ');
  } catch {
    return '    (ps unavailable)';
  }
};

const main = async () => {
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; busiest processes:\n${busiest()}`);
  const reads = readFigures(await measureEmbeddedReads());
  const { reads: onRedis, runs: mutation, bare } = await measureOnPostgres();
  const production = readFigures(onRedis);
  const results = {
    ...reads,
    mutationP99Ms: median(mutation.map((r) => r.p99Ms)),
    production,
  };
  console.table([
    { figure: '{ __typename }, 50 connections', value: `${reads.trivialRps} req/s`, target: '' },
    { figure: 'party(id) { asClient { score grade } }, 50 connections', value: `${reads.partyRps} req/s`, target: '' },
    { figure: 'ratio', value: reads.ratio, target: '≥ 0.6' },
    { figure: 'party p99', value: `${reads.partyP99Ms} ms`, target: '≤ 25 ms' },
    { figure: 'on PostgreSQL + Redis: { __typename }', value: `${production.trivialRps} req/s`, target: '' },
    { figure: 'on PostgreSQL + Redis: party(id) …', value: `${production.partyRps} req/s, ratio ${production.ratio}, p99 ${production.partyP99Ms} ms`, target: '' },
    { figure: 'recordInvoicePaid on PostgreSQL p99, 20 connections', value: `${results.mutationP99Ms} ms (${Math.round(median(mutation.map((r) => r.rps)))} req/s)`, target: '≤ 50 ms' },
    { figure: 'for scale: bare store append p99, 20 writers', value: `${bare.p99Ms} ms (${Math.round(bare.rps)} appends/s)`, target: '' },
  ]);
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; busiest processes:\n${busiest()}`);
  // A shortened run is a quick look, not the figures the targets are about.
  if (ROUNDS !== 3 || SECONDS !== 10) return;
  await writeBenchResults('api', results);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
