/**
 * Rankings and trust (issue #6): the full recompute and the incremental update of one party.
 *
 *   population   BENCH_PARTIES parties (default 100,000): a quarter suppliers, the rest clients, 40% of them
 *                established (a partner integration attests what they record), 2% of clients habitually
 *                unfair raters, and collusion rings of 20 fresh accounts praising each other
 *   events       BENCH_EVENTS valid relationship events (default 1,000,000), deterministic (seed 42): per pair an
 *                engagement, monthly invoices and deliveries (late as the party's quality says), double-blind
 *                feedback and its reveal, sometimes an ending. Generated before the clock starts
 *   full         from the events to sorted leaderboards: fold them into evidence accumulators (what the profile
 *                projection keeps), read each party's evidence, then `recomputeRankings`: the evidence graph,
 *                Fairness × Goodness and EigenTrust each to an L1 change < 1e-6, every party rescored, every
 *                leaderboard sorted. `fullRecomputeSec` is that whole span
 *   incremental  the leaderboards are written to the Redis on REDIS_URL (default 127.0.0.1:6379) under a random
 *                key prefix, removed afterwards. Then BENCH_UPDATES times (default 1,000) one party gets a new
 *                fact: fold it, rescore the party with the propagated weights, move it in memory, ZADD its
 *                entries and ZREVRANK them back in one MULTI. `incrementalMedianMs` is the median of that span
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RelationshipEvent } from '#libs/relationships';
import { DEFAULT_SCORING_POLICY, type EvidenceLedger, foldIntoLedger } from '#libs/scoring';
import type { StoredEvent } from '#libs/shared-kernel';
import { DEFAULT_TRUST_POLICY, type PartyEvidence, establishment, partyEvidenceFrom, propagateTrust, recomputeRankings, updatePartyRanking } from '#libs/trust';
import { dropPrefix } from './support/redis-prefix';
import { writeBenchResults } from './support/results';

const PARTIES = Number(process.env.BENCH_PARTIES ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 1000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AS_OF = '2026-01-01T00:00:00Z';
const AS_OF_MS = Date.parse(AS_OF);
const DAY_MS = 86_400_000;
const MONTH_MS = 30.44 * DAY_MS;
const RING_SIZE = 20;
const RINGS = Math.max(1, Math.round(PARTIES / 5000));
const INDUSTRIES = ['Software', 'Construction', 'Logistics', 'Marketing', 'Legal services', 'Manufacturing'];
const REGIONS = ['Île-de-France', 'Bretagne', 'Lyon Métropole', 'Occitanie', 'Hauts-de-France'];
const policies = { scoring: DEFAULT_SCORING_POLICY, trust: DEFAULT_TRUST_POLICY };

/** mulberry32: the same seed, the same log. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const random = prng(42);
const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

interface Party {
  readonly id: string;
  readonly industry: string;
  readonly region: string;
  readonly quality: number;
  readonly established: boolean;
  readonly unfair: boolean;
}
interface Pair {
  readonly supplier: Party;
  readonly client: Party;
  readonly streamId: string;
  revision: number;
  engagementId: string;
}

const party = (id: string, ring = false): Party => ({
  id,
  industry: INDUSTRIES[Math.floor(random() * INDUSTRIES.length)],
  region: REGIONS[Math.floor(random() * REGIONS.length)],
  quality: ring ? 1 : 0.5 + 0.5 * random(),
  established: !ring && random() < 0.4,
  unfair: !ring && id.startsWith('c') && random() < 0.02,
});

let sequence = 0;
const record = (pair: Pair, type: RelationshipEvent['type'], own: object, by: Party): StoredEvent<RelationshipEvent> => {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
  const data = { supplierId: pair.supplier.id, clientId: pair.client.id, ...own };
  const metadata = { recordedBy: by.id, source: by.established ? 'partner:ledgerly' : 'party', attested: by.established, correlationId: id, schemaVersion: 1 };
  return { id, event: { type, data } as RelationshipEvent, metadata, streamId: pair.streamId, revision: pair.revision++ };
};

const stars = (about: Party, by: Party) => {
  const fair = Math.max(1, Math.min(5, Math.round(1 + 4 * about.quality + (random() - 0.5))));
  return by.unfair ? 6 - fair : fair;
};

/** One month of business: the client pays (late as its quality says), the supplier delivers. */
const month = (pair: Pair, at: number): StoredEvent<RelationshipEvent>[] => {
  const { supplier, client } = pair;
  const paidLate = random() > client.quality ? Math.floor(random() * 60) : Math.floor(random() * 4) - 3;
  const deliveredLate = random() > supplier.quality ? Math.floor(random() * 20) : 0;
  const amount = 500 + Math.floor(random() * 20_000);
  const dueAt = at + 30 * DAY_MS;
  return [
    record(pair, 'InvoicePaid', { engagementId: pair.engagementId, invoiceId: `inv-${sequence}`, amount, currency: 'EUR', issuedAt: iso(at), dueAt: iso(dueAt), paidAt: iso(dueAt + paidLate * DAY_MS) }, supplier),
    record(pair, 'DeliveryCompleted', { engagementId: pair.engagementId, deliveryId: `del-${sequence}`, dueAt: iso(at), deliveredAt: iso(at + deliveredLate * DAY_MS) }, client),
  ];
};

/** A relationship's story: started, some months of business, both sides' feedback revealed together, perhaps ended. */
const story = (pair: Pair, months: number, startMs: number): StoredEvent<RelationshipEvent>[] => {
  const { supplier, client, engagementId } = pair;
  const events = [record(pair, 'EngagementStarted', { engagementId, paymentTermsDays: 30, startedAt: iso(startMs) }, supplier)];
  for (let m = 1; m <= months; m++) events.push(...month(pair, startMs + m * MONTH_MS));
  const at = iso(startMs + (months + 1) * MONTH_MS);
  if (random() < 0.8) {
    const feedback = (by: Party, about: Party) =>
      record(pair, 'FeedbackSubmitted', { engagementId, feedbackId: `fb-${by.id}`, by: by.id, about: about.id, ratings: { quality: stars(about, by), communication: stars(about, by) }, submittedAt: at }, by);
    events.push(feedback(client, supplier), feedback(supplier, client));
    events.push(record(pair, 'FeedbackRevealed', { engagementId, feedbackIds: [`fb-${client.id}`, `fb-${supplier.id}`], reason: 'both_submitted', revealedAt: at }, supplier));
  }
  if (random() < 0.3) events.push(record(pair, 'EngagementEnded', { engagementId, endedBy: client.id, reason: 'The mandate came to an end', amicable: true, handoverArranged: true, endedAt: at }, client));
  return events;
};

const pairOf = (supplier: Party, client: Party): Pair => ({ supplier, client, streamId: `relationship-${supplier.id}-${client.id}`, revision: 0, engagementId: 'eng-1' });

/** The population, and exactly EVENTS relationship events between its parties. */
const generate = () => {
  const rings = Array.from({ length: RINGS }, (_, r) => Array.from({ length: RING_SIZE }, (_, i) => party(`r${r}x${i}`, true)));
  const others = PARTIES - RINGS * RING_SIZE;
  const suppliers = Array.from({ length: Math.round(others / 4) }, (_, i) => party(`s${i}`));
  const clients = Array.from({ length: others - suppliers.length }, (_, i) => party(`c${i}`));
  const events: StoredEvent<RelationshipEvent>[] = [];
  const pairs: Pair[] = [];
  for (const ring of rings) {
    for (const s of ring) for (const c of ring) if (s !== c) pairs.push(pairOf(s, c));
  }
  for (const pair of pairs) events.push(...story(pair, 2, AS_OF_MS - 6 * MONTH_MS));
  for (const client of clients) {
    const picked = new Set<Party>();
    for (let k = 1 + Math.floor(random() * 3); picked.size < k; ) picked.add(suppliers[Math.floor(random() * suppliers.length)]);
    for (const supplier of picked) pairs.push(pairOf(supplier, client));
  }
  const spanMs = 9 * 365 * DAY_MS;
  for (let i = RINGS * RING_SIZE * (RING_SIZE - 1); i < pairs.length && events.length < EVENTS; i++) {
    const months = Math.floor(random() * 4);
    events.push(...story(pairs[i], months, AS_OF_MS - spanMs + random() * (spanMs - (months + 2) * MONTH_MS)));
  }
  while (events.length < EVENTS) {
    const pair = pairs[RINGS * RING_SIZE * (RING_SIZE - 1) + Math.floor(random() * (pairs.length - RINGS * RING_SIZE * (RING_SIZE - 1)))];
    events.push(...month(pair, AS_OF_MS - (2 + random() * 36) * MONTH_MS));
  }
  events.length = EVENTS;
  const everyone = new Map([...rings.flat(), ...suppliers, ...clients].map((p) => [p.id, p]));
  return { events, pairs, everyone };
};

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => Math.round(ms) / 1000;
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const main = async () => {
  say(`rankings bench: ${PARTIES.toLocaleString('en')} parties, ${EVENTS.toLocaleString('en')} relationship events, ${RINGS} rings of ${RING_SIZE}`);
  const { events, pairs, everyone } = generate();
  const evidenceOf = (ledger: EvidenceLedger, id: string): PartyEvidence => {
    const accs = ledger.get(id);
    if (accs === undefined) throw new Error(`no evidence for ${id}`);
    return partyEvidenceFrom(accs, everyone.get(id) ?? {}, DEFAULT_SCORING_POLICY, AS_OF);
  };

  const started = performance.now();
  const ledger: EvidenceLedger = new Map();
  for (const stored of events) foldIntoLedger(ledger, stored);
  // The accumulators copy what they keep: the log need not stay in memory, as it would not in the worker.
  events.length = 0;
  const folded = performance.now();
  const parties = [...ledger.keys()].map((id) => evidenceOf(ledger, id));
  const read = performance.now();
  const full = recomputeRankings({ parties, asOf: AS_OF, policies });
  const finished = performance.now();
  const trust = full.trust;
  if (trust === null) throw new Error('trust was not propagated');
  const preTrust = new Float64Array(trust.graph.size);
  parties.forEach((p, i) => (preTrust[i] = establishment(p, DEFAULT_TRUST_POLICY)));
  const trustStarted = performance.now();
  propagateTrust(trust.graph, preTrust, DEFAULT_TRUST_POLICY);
  const trustMs = performance.now() - trustStarted;

  const boards = full.leaderboards;
  const ringMembers = (index: string) => {
    const entries = boards.get(index)?.entries ?? [];
    return entries.slice(0, Math.ceil(entries.length / 10)).filter((e) => e.member.startsWith('r')).length;
  };

  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `rapport-bench-${randomBytes(4).toString('hex')}:`;
  const latencies: number[] = [];
  let mismatches = 0;
  let loadMs = 0;
  try {
    const loadStarted = performance.now();
    for (const board of boards.values()) {
      for (let i = 0; i < board.entries.length; i += 1000) {
        await redis.zadd(`${prefix}${board.index}`, ...board.entries.slice(i, i + 1000).flatMap((e) => [e.score, e.member]));
      }
    }
    loadMs = performance.now() - loadStarted;
    const updatable = pairs.slice(RINGS * RING_SIZE * (RING_SIZE - 1));
    for (let u = 0; u < UPDATES; u++) {
      const pair = updatable[Math.floor(random() * updatable.length)];
      const [fact] = random() < 0.5 ? month(pair, AS_OF_MS - 3 * MONTH_MS) : month(pair, AS_OF_MS - 3 * MONTH_MS).slice(1);
      const partyId = fact.event.type === 'InvoicePaid' ? pair.client.id : pair.supplier.id;
      const t0 = performance.now();
      foldIntoLedger(ledger, fact);
      const update = updatePartyRanking(boards, evidenceOf(ledger, partyId), full.weightOf, policies, AS_OF);
      const multi = redis.multi();
      for (const e of update.entries) multi.zadd(`${prefix}${e.index}`, e.score, e.member);
      for (const e of update.entries) multi.zrevrank(`${prefix}${e.index}`, e.member);
      const replies = (await multi.exec()) ?? [];
      latencies.push(performance.now() - t0);
      const ranks = replies.slice(update.entries.length).map(([, rank]) => rank);
      const expected = update.entries.map((e) => update.changes.find((c) => c.index === e.index)?.after);
      if (ranks.some((rank, i) => rank !== expected[i])) mismatches += 1;
    }
  } finally {
    await dropPrefix(redis, prefix);
    await redis.quit();
  }

  latencies.sort((a, b) => a - b);
  const figures = {
    parties: PARTIES,
    events: EVENTS,
    fullRecomputeSec: seconds(finished - started),
    trustIterations: trust.iterations.fairnessGoodness + trust.iterations.eigenTrust,
    incrementalMedianMs: Math.round(percentile(latencies, 0.5) * 1000) / 1000,
    fairnessGoodnessIterations: trust.iterations.fairnessGoodness,
    eigenTrustIterations: trust.iterations.eigenTrust,
    trustConverged: trust.converged,
    phasesSec: { foldEvents: seconds(folded - started), readEvidence: seconds(read - folded), graphTrustScoresBoards: seconds(finished - read), trustAloneRerun: seconds(trustMs) },
    graph: { nodes: trust.graph.size, edges: trust.graph.edgeCount },
    rankedParties: full.scores.size,
    leaderboards: boards.size,
    ringMembersInTop10Pct: { client: ringMembers('rankings:client:all'), supplier: ringMembers('rankings:supplier:all') },
    incrementalP95Ms: Math.round(percentile(latencies, 0.95) * 1000) / 1000,
    incrementalUpdates: UPDATES,
    redisRankMismatches: mismatches,
  };
  say('');
  say('| figure | value |');
  say('|---|---|');
  say(`| parties, relationship events | ${PARTIES.toLocaleString('en')}, ${EVENTS.toLocaleString('en')} |`);
  say(`| trust graph | ${trust.graph.size.toLocaleString('en')} nodes, ${trust.graph.edgeCount.toLocaleString('en')} edges |`);
  say(`| full recompute (fullRecomputeSec) | **${figures.fullRecomputeSec} s**: fold ${figures.phasesSec.foldEvents} s, evidence ${figures.phasesSec.readEvidence} s, graph + trust + scores + boards ${figures.phasesSec.graphTrustScoresBoards} s |`);
  say(`| trust to L1 < 1e-6 | FxG ${trust.iterations.fairnessGoodness} iterations, EigenTrust ${trust.iterations.eigenTrust}, converged ${trust.converged}; both again alone: ${figures.phasesSec.trustAloneRerun} s |`);
  say(`| leaderboards | ${boards.size} (${full.scores.size.toLocaleString('en')} ranked parties), written to Redis in ${seconds(loadMs)} s |`);
  say(`| ring members in the top 10% | client:all ${figures.ringMembersInTop10Pct.client}, supplier:all ${figures.ringMembersInTop10Pct.supplier} (of ${RINGS * RING_SIZE}) |`);
  say(`| incremental update (incrementalMedianMs) | **median ${figures.incrementalMedianMs} ms**, p95 ${figures.incrementalP95Ms} ms over ${UPDATES} updates; Redis ranks ≠ computed: ${mismatches} |`);
  say(JSON.stringify(figures));
  // A shrunk run is a quick look, not the figures the targets are about.
  if (PARTIES !== 100_000 || EVENTS !== 1_000_000) return;
  await writeBenchResults('rankings', figures);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
