import fc from 'fast-check';
import { EventLog, type Relationship, plusDays } from './event-log';

/** The rated party `p`: a client of s0 and s1, a supplier to c0 and c1. */
export const PARTY = 'p';
const PAIRS = [['s0', PARTY], ['s1', PARTY], [PARTY, 'c0'], [PARTY, 'c1']] as const;
export const START = '2015-01-01';
/** Every generated fact happens before this, so moving evidence back in time never brings new evidence in. */
export const AS_OF = `${plusDays(START, 3652).slice(0, 10)}T00:00:00Z`;

const rel = fc.integer({ min: 0, max: 3 });
const day = fc.integer({ min: 0, max: 3000 });
const ending = fc.record({ byParty: fc.boolean(), amicable: fc.boolean(), handover: fc.boolean() });

export type Move =
  | { kind: 'invoice'; rel: number; day: number; late: number; amount: number; upfront: boolean; attested: boolean }
  | { kind: 'delivery'; rel: number; day: number; late: number; attested: boolean }
  | { kind: 'referral'; rel: number; day: number; byParty: boolean }
  | { kind: 'priority'; rel: number; day: number }
  | { kind: 'engagement'; rel: number; day: number; length: number; end: { byParty: boolean; amicable: boolean; handover: boolean } | null }
  | { kind: 'dispute'; rel: number; day: number; byParty: boolean; outcome: 'open' | 'upheld' | 'rejected' | 'settled' | 'withdrawn'; after: number }
  | { kind: 'legal'; rel: number; day: number; byParty: boolean; grounds: 'review' | 'feedback' | 'non_payment' | 'other'; outcome: 'pending' | 'won' | 'lost' | 'settled' | 'withdrawn'; after: number }
  | { kind: 'feedback'; rel: number; day: number; aboutParty: boolean; stars: number; revealed: boolean }
  | { kind: 'retract'; target: number };

export const invoiceMove = (late = fc.integer({ min: -40, max: 150 }), rels = fc.integer({ min: 0, max: 1 })) =>
  fc.record({
    kind: fc.constant('invoice' as const),
    rel: rels,
    day,
    late,
    amount: fc.integer({ min: 10, max: 2_000_000 }),
    upfront: fc.boolean(),
    attested: fc.boolean(),
  });

export const moveArb: fc.Arbitrary<Move> = fc.oneof(
  invoiceMove(),
  fc.record({ kind: fc.constant('delivery' as const), rel, day, late: fc.integer({ min: -10, max: 60 }), attested: fc.boolean() }),
  fc.record({ kind: fc.constant('referral' as const), rel, day, byParty: fc.boolean() }),
  fc.record({ kind: fc.constant('priority' as const), rel, day }),
  fc.record({ kind: fc.constant('engagement' as const), rel, day, length: fc.integer({ min: 1, max: 600 }), end: fc.option(ending, { nil: null }) }),
  fc.record({
    kind: fc.constant('dispute' as const),
    rel,
    day,
    byParty: fc.boolean(),
    outcome: fc.constantFrom('open', 'upheld', 'rejected', 'settled', 'withdrawn'),
    after: fc.integer({ min: 1, max: 300 }),
  }),
  fc.record({
    kind: fc.constant('legal' as const),
    rel,
    day,
    byParty: fc.boolean(),
    grounds: fc.constantFrom('review', 'feedback', 'non_payment', 'other'),
    outcome: fc.constantFrom('pending', 'won', 'lost', 'settled', 'withdrawn'),
    after: fc.integer({ min: 1, max: 300 }),
  }),
  fc.record({ kind: fc.constant('feedback' as const), rel, day, aboutParty: fc.boolean(), stars: fc.integer({ min: 1, max: 5 }), revealed: fc.boolean() }),
  fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }),
);

export const historyArb = fc.array(moveArb, { minLength: 0, maxLength: 40 });

/** Plays moves into a log; `shiftDays` moves every fact that many days into the past. */
export const materialise = (moves: readonly Move[], shiftDays = 0, log = new EventLog()): EventLog => {
  const rels = PAIRS.map(([supplier, client]) => log.between(supplier, client));
  const at = (d: number): string => plusDays(START, d - shiftDays);
  moves.forEach((move, index) => play(move, index, rels, at, log));
  return log;
};

const other = (r: Relationship): string => (r.supplierId === PARTY ? r.clientId : r.supplierId);

const play = (move: Move, index: number, rels: Relationship[], at: (d: number) => string, log: EventLog): void => {
  if (move.kind === 'retract') return retract(move.target, rels, at, log);
  const r = rels[move.rel];
  const actor = (byParty: boolean): string => (byParty ? PARTY : other(r));
  switch (move.kind) {
    case 'invoice': {
      const dueAt = at(move.day + 30);
      const paidAt = move.upfront ? at(move.day - 1) : plusDays(dueAt, move.late);
      return void r.payInvoice(at(move.day), { amount: move.amount, attested: move.attested, paidAt });
    }
    case 'delivery': return void r.deliver(at(move.day), move.late, move.attested);
    case 'referral': return void r.refer(actor(move.byParty), at(move.day));
    case 'priority': return void r.givePriorityService(at(move.day));
    case 'engagement': {
      const engagementId = `eng-${index}`;
      r.startEngagement(at(move.day), engagementId);
      const end = move.end;
      if (end) r.endEngagement(at(move.day + move.length), { engagementId, endedBy: actor(end.byParty), amicable: end.amicable, handoverArranged: end.handover });
      return;
    }
    case 'dispute': {
      const id = r.raiseDispute(actor(move.byParty), at(move.day));
      if (move.outcome !== 'open') r.resolveDispute(id, move.outcome, at(move.day + move.after));
      return;
    }
    case 'legal': {
      const id = r.takeLegalAction(actor(move.byParty), at(move.day), move.grounds);
      if (move.outcome !== 'pending') r.concludeLegalAction(id, move.outcome, at(move.day + move.after));
      return;
    }
    case 'feedback': {
      const by = move.aboutParty ? other(r) : PARTY;
      return void r.giveFeedback(by, move.aboutParty ? PARTY : other(r), move.stars, at(move.day), { engagementId: `eng-${index}`, hidden: !move.revealed });
    }
  }
};

const retract = (target: number, rels: Relationship[], at: (d: number) => string, log: EventLog): void => {
  if (log.events.length === 0) return;
  const retracted = log.events[target % log.events.length];
  const r = rels.find((x) => x.supplierId === retracted.event.data.supplierId && x.clientId === retracted.event.data.clientId);
  r?.retract(retracted.id, r.supplierId, at(3100));
};
