import { randomUUID } from 'node:crypto';
import type { EventData, EventStore, JsonObject } from '#libs/event-store';
import type { PartyEvent } from '#libs/parties';
import type { RelationshipEvent, RelationshipEventOf } from '#libs/relationships';
import type { EventMetadata } from '#libs/shared-kernel';

type Type = RelationshipEvent['type'];
type Data<T extends Type> = RelationshipEventOf<T>['data'];

/**
 * A population and how much history it has. Suppliers `s<n>` and clients `c<n>`; every client works with
 * `suppliersPerClient` suppliers, so a supplier has about clients × suppliersPerClient / suppliers clients.
 */
export interface ReputationLogShape {
  readonly suppliers: number;
  readonly clients: number;
  readonly suppliersPerClient: number;
  /** Relationship events to write after the registrations, over all shards. */
  readonly relationshipEvents: number;
  /** Writers own disjoint shards of streams, so each stream's story stays in order. Default 1. */
  readonly shards?: number;
  readonly seed?: number;
}

export interface Append {
  readonly streamId: string;
  readonly events: EventData[];
}

const DAY_MS = 86_400_000;
const START_MS = Date.parse('2019-01-01T09:00:00Z');
const SPAN_MS = 7 * 365 * DAY_MS;
const INDUSTRIES = ['Software', 'Construction', 'Logistics', 'Marketing', 'Legal services', 'Manufacturing'];
const REGIONS = ['Île-de-France', 'Bretagne', 'Lyon Métropole', 'Occitanie', 'Hauts-de-France'];

/** Deterministic, so that a run can be repeated (mulberry32). */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface Pair {
  readonly supplierId: string;
  readonly clientId: string;
  readonly streamId: string;
  engagement: string | null;
  engagements: number;
  openDispute: string | null;
  legalAction: string | null;
  sealed: { readonly feedbackId: string; readonly by: string }[];
  /** The last invoice's event, which its recorder may retract as recorded in error. */
  lastInvoice: string | null;
  localIds: number;
}

/**
 * Appends of valid domain events (every payload passes its schema, metadata as the write side writes it):
 * party registrations, then relationship stories in time order — engagements started and ended, invoices
 * paid early, on time or late, deliveries, referrals, priority service, disputes raised and resolved, legal
 * action, double-blind feedback and its reveal, an occasional retraction.
 */
export function* reputationAppends(shape: ReputationLogShape, shard = 0): Generator<Append> {
  const shards = shape.shards ?? 1;
  const random = prng((shape.seed ?? 7) * 7919 + shard);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const metadata = (recordedBy: string, attested = false): JsonObject =>
    ({ recordedBy, source: attested ? 'partner:ledgerly' : 'party', attested, correlationId: randomUUID(), schemaVersion: 1 }) satisfies EventMetadata;
  const event = <T extends Type | PartyEvent['type']>(type: T, data: object, recordedBy: string, attested = false): EventData => ({
    id: randomUUID(),
    type,
    data: data as JsonObject,
    metadata: metadata(recordedBy, attested),
  });

  const parties = [...Array.from({ length: shape.suppliers }, (_, i) => `s${i}`), ...Array.from({ length: shape.clients }, (_, i) => `c${i}`)];
  for (let i = shard; i < parties.length; i += shards) {
    const partyId = parties[i];
    const roles = partyId.startsWith('s') ? ['supplier'] : random() < 0.2 ? ['client', 'supplier'] : ['client'];
    const registered = { partyId, name: `Party ${partyId}`, roles, industry: pick(INDUSTRIES), region: pick(REGIONS), registeredAt: iso(START_MS - DAY_MS) };
    yield { streamId: `party-${partyId}`, events: [event('PartyRegistered', registered, partyId)] };
  }

  const pairs: Pair[] = [];
  const seen = new Set<string>();
  for (let c = 0, n = 0; c < shape.clients; c++) {
    for (let k = 0; k < shape.suppliersPerClient; k++, n++) {
      const supplierId = `s${(c * 7919 + k * 104_729) % shape.suppliers}`;
      const clientId = `c${c}`;
      if (n % shards !== shard || seen.has(`${supplierId}-${clientId}`)) continue;
      seen.add(`${supplierId}-${clientId}`);
      pairs.push({ supplierId, clientId, streamId: `relationship-${supplierId}-${clientId}`, engagement: null, engagements: 0, openDispute: null, legalAction: null, sealed: [], lastInvoice: null, localIds: 0 });
    }
  }
  const total = Math.floor(shape.relationshipEvents / shards) + (shard < shape.relationshipEvents % shards ? 1 : 0);
  for (let written = 0; written < total && pairs.length > 0; ) {
    const at = START_MS + Math.floor((SPAN_MS * written) / total);
    const pair = pick(pairs);
    const events = storyStep(pair, at, random, event).slice(0, total - written);
    written += events.length;
    yield { streamId: pair.streamId, events };
  }
}

type Make = (type: Type, data: object, recordedBy: string, attested?: boolean) => EventData;

/** The next one or two facts of a relationship, as its parties would record them at `at`. */
const storyStep = (p: Pair, at: number, random: () => number, event: Make): EventData[] => {
  const { supplierId, clientId } = p;
  const ids = (prefix: string) => `${prefix}-${++p.localIds}`;
  const of = <T extends Type>(type: T, own: Omit<Data<T>, 'supplierId' | 'clientId'>, by = supplierId, attested = false) =>
    event(type, { supplierId, clientId, ...own }, by, attested);
  if (p.engagement === null) {
    p.engagement = `eng-${++p.engagements}`;
    return [of('EngagementStarted', { engagementId: p.engagement, paymentTermsDays: 30, startedAt: iso(at) })];
  }
  const engagementId = p.engagement;
  const either = random() < 0.5 ? supplierId : clientId;
  const roll = random();
  if (roll < 0.5) {
    const issuedAt = at - 40 * DAY_MS;
    const daysLate = random() < 0.7 ? Math.floor(random() * 5) - 3 : Math.floor(random() * 60);
    const amount = 200 + Math.floor(random() * 20_000);
    const paid = of('InvoicePaid', { engagementId, invoiceId: ids('inv'), amount, currency: 'EUR', issuedAt: iso(issuedAt), dueAt: iso(issuedAt + 30 * DAY_MS), paidAt: iso(issuedAt + (30 + daysLate) * DAY_MS) }, supplierId, random() < 0.6);
    p.lastInvoice = paid.id;
    return [paid];
  }
  if (roll < 0.7) {
    const dueAt = at - 2 * DAY_MS;
    return [of('DeliveryCompleted', { engagementId, deliveryId: ids('del'), dueAt: iso(dueAt), deliveredAt: iso(dueAt + Math.floor(random() * 6) * DAY_MS) })];
  }
  if (roll < 0.75) return [of('ReferralGiven', { referralId: ids('ref'), referrerId: either, givenAt: iso(at) }, either)];
  if (roll < 0.77) return [of('PriorityServiceGiven', { serviceId: ids('prio'), description: 'Weekend call-out after a server failure', givenAt: iso(at) })];
  if (roll < 0.81) {
    if (p.openDispute === null) {
      p.openDispute = ids('dis');
      return [of('DisputeRaised', { disputeId: p.openDispute, raisedBy: either, reason: 'The invoice does not match the work', raisedAt: iso(at) }, either)];
    }
    const disputeId = p.openDispute;
    p.openDispute = null;
    const outcome = (['upheld', 'rejected', 'settled', 'withdrawn'] as const)[Math.floor(random() * 4)];
    return [of('DisputeResolved', { disputeId, outcome, resolvedAt: iso(at) }, either)];
  }
  if (roll < 0.82) {
    if (p.legalAction === null) {
      p.legalAction = ids('law');
      const grounds = random() < 0.2 ? 'review' : 'non_payment';
      return [of('LegalActionTaken', { legalActionId: p.legalAction, takenBy: supplierId, kind: 'formal_notice', grounds, takenAt: iso(at) })];
    }
    const legalActionId = p.legalAction;
    p.legalAction = null;
    return [of('LegalActionConcluded', { legalActionId, outcome: random() < 0.5 ? 'won' : 'settled', concludedAt: iso(at) })];
  }
  if (roll < 0.94) return feedback(p, engagementId, at, random, of);
  if (roll < 0.96 && p.lastInvoice !== null) {
    const retractedEventId = p.lastInvoice;
    p.lastInvoice = null;
    return [of('FactRetracted', { retractedEventId, retractedBy: supplierId, reason: 'Recorded in error', retractedAt: iso(at) })];
  }
  p.engagement = null;
  return [of('EngagementEnded', { engagementId, endedBy: either, reason: 'The mandate came to an end', amicable: random() < 0.9, handoverArranged: random() < 0.5, endedAt: iso(at) }, either)];
};

type Of = <T extends Type>(type: T, own: Omit<Data<T>, 'supplierId' | 'clientId'>, by?: string, attested?: boolean) => EventData;

/** Double-blind: a sealed submission; once both sides have one, the reveal follows in the same append. */
const feedback = (p: Pair, engagementId: string, at: number, random: () => number, of: Of): EventData[] => {
  const by = p.sealed.some((f) => f.by === p.supplierId) ? p.clientId : p.supplierId;
  const about = by === p.supplierId ? p.clientId : p.supplierId;
  const stars = () => 1 + Math.min(4, Math.floor(random() * 5.5));
  const feedbackId = `fb-${++p.localIds}`;
  const submitted = of('FeedbackSubmitted', { engagementId, feedbackId, by, about, ratings: { quality: stars(), communication: stars() }, comment: 'Solid work, clear invoices', submittedAt: iso(at) }, by);
  p.sealed.push({ feedbackId, by });
  if (p.sealed.length < 2) return [submitted];
  const feedbackIds = p.sealed.splice(0).map((f) => f.feedbackId);
  return [submitted, of('FeedbackRevealed', { engagementId, feedbackIds, reason: 'both_submitted', revealedAt: iso(at) }, p.supplierId)];
};

export interface FillOptions {
  readonly onAppended?: (count: number) => void;
  /** Each writer's pause after each append, to spread the log over time. */
  readonly pauseMs?: number;
  /** Awaited by each writer before each append: lets a caller hold the writers for a while. */
  readonly gate?: () => Promise<unknown>;
}

/** Appends the whole log from `shape.shards` concurrent writers, each owning its streams. */
export const fillReputationLog = async (store: EventStore, shape: ReputationLogShape, options: FillOptions = {}): Promise<number> => {
  let appended = 0;
  const writer = async (shard: number) => {
    for (const { streamId, events } of reputationAppends(shape, shard)) {
      if (events.length === 0) continue;
      await options.gate?.();
      await store.appendToStream(streamId, events);
      appended += events.length;
      options.onAppended?.(appended);
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: shape.shards ?? 1 }, (_, shard) => writer(shard)));
  return appended;
};
