import fc from 'fast-check';
import type { RecordedEvent } from '#libs/event-store';
import { type PairLog, RecordedLog, plusDays } from './recorded-log';

/** p1 is a client of p0 and a supplier to p2: one party in both roles, relationships sharing parties. */
const PARTIES = ['p0', 'p1', 'p2', 'p3'] as const;
const PAIRS = [['p0', 'p1'], ['p0', 'p2'], ['p3', 'p1'], ['p1', 'p2']] as const;
const START = '2018-01-01';

type RelationshipMove = {
  kind: 'engage' | 'end' | 'invoice' | 'deliver' | 'refer' | 'dispute' | 'resolve' | 'legal' | 'garbage' | 'feedback' | 'reveal';
  pair: number;
  bySupplier: boolean;
  n: number;
};
export type Move = { kind: 'register' | 'update'; party: number; region: number } | { kind: 'retract'; pair: number; n: number } | RelationshipMove;

const pair = fc.integer({ min: 0, max: PAIRS.length - 1 });
const n = fc.integer({ min: 0, max: 120 });

export const moveArb: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ kind: fc.constantFrom('register' as const, 'update' as const), party: fc.integer({ min: 0, max: PARTIES.length - 1 }), region: fc.integer({ min: 0, max: 2 }) }),
  { arbitrary: fc.record({ kind: fc.constantFrom('engage', 'end', 'invoice', 'deliver', 'refer', 'dispute', 'resolve', 'legal', 'garbage', 'feedback', 'reveal' as const), pair, bySupplier: fc.boolean(), n }), weight: 6 },
  fc.record({ kind: fc.constant('retract' as const), pair, n }),
);

const REGIONS = ['Île-de-France', 'Bretagne', 'Lyon Métropole'];

/** What the interpreter remembers per pair to write plausible follow-ups (an ending for a started engagement …). */
interface PairState {
  readonly log: PairLog;
  readonly engagements: string[];
  readonly openDisputes: string[];
  readonly sealed: string[];
  readonly retractable: RecordedEvent[];
}

/** Turns moves into a log, a few days apart, each fact recorded when it happens. */
export const logOf = (moves: readonly Move[]): RecordedEvent[] => {
  const log = new RecordedLog();
  const pairs: PairState[] = PAIRS.map(([s, c]) => ({ log: log.between(s, c), engagements: [], openDisputes: [], sealed: [], retractable: [] }));
  moves.forEach((move, i) => {
    const at = plusDays(START, i * 9);
    if ('party' in move) {
      if (move.kind === 'register') log.register(PARTIES[move.party], { region: REGIONS[move.region], registeredAt: at });
      else log.updateProfile(PARTIES[move.party], { region: REGIONS[move.region] }, at);
    } else if ('bySupplier' in move) relationshipMove(pairs[move.pair], move, at);
    else retract(pairs[move.pair], move.n, at);
  });
  return log.events;
};

const retract = (p: PairState, n: number, at: string): void => {
  const target = p.retractable.splice(n % Math.max(1, p.retractable.length), 1)[0];
  if (target) p.log.retract(target, p.log.supplierId, at);
};

const engage = (p: PairState, at: string): string => {
  const engagementId = `eng-${p.engagements.length + 1}`;
  p.engagements.push(engagementId);
  p.log.startEngagement(at, engagementId, 30);
  return engagementId;
};

/** Work happens within an engagement: the first fact between two parties starts one. */
const relationshipMove = (p: PairState, move: RelationshipMove, at: string): void => {
  const by = move.bySupplier ? p.log.supplierId : p.log.clientId;
  if (p.engagements.length === 0 && move.kind !== 'engage') engage(p, plusDays(at, -1));
  const engagementId = p.engagements[move.n % p.engagements.length];
  switch (move.kind) {
    case 'engage':
      engage(p, at);
      return;
    case 'end':
      p.log.endEngagement(at, { engagementId, endedBy: by, amicable: move.n % 2 === 0, handoverArranged: move.n % 3 === 0 });
      return;
    case 'invoice':
      p.retractable.push(p.log.payInvoice(plusDays(at, -40), { daysLate: (move.n % 60) - 15, amount: 500 + move.n * 100, attested: move.bySupplier }));
      return;
    case 'deliver':
      p.retractable.push(p.log.deliver(plusDays(at, -2), move.n % 20));
      return;
    case 'refer':
      p.retractable.push(p.log.refer(by, at));
      return;
    case 'dispute': {
      const raised = p.log.raiseDispute(by, at);
      p.openDisputes.push((raised.data as { disputeId: string }).disputeId);
      return;
    }
    case 'resolve': {
      const disputeId = p.openDisputes.shift();
      if (disputeId) p.retractable.push(p.log.resolveDispute(disputeId, (['upheld', 'rejected', 'settled', 'withdrawn'] as const)[move.n % 4], at));
      return;
    }
    case 'legal':
      p.log.takeLegalAction(by, at, (['review', 'non_payment', 'other'] as const)[move.n % 3]);
      return;
    case 'feedback': {
      const submitted = p.log.submitFeedback(by, 1 + (move.n % 5), at, { engagementId, comment: `Sealed words written on ${at}` });
      p.sealed.push((submitted.data as { feedbackId: string }).feedbackId);
      return;
    }
    case 'reveal':
      if (p.sealed.length > 0) p.log.reveal(p.sealed.splice(0), at, engagementId, 'window_passed');
      return;
    case 'garbage':
      p.log.log.record(`relationship-${p.log.supplierId}-${p.log.clientId}`, 'InvoicePaid', { invoiceId: 'broken' }, at);
      return;
  }
};
