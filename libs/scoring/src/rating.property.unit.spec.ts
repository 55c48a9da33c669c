import fc from 'fast-check';
import {
  COMPONENTS,
  DEFAULT_SCORING_POLICY as policy,
  type PartyRatings,
  type Rating,
  createAccumulator,
  foldEvent,
  rateParty,
  ratePair,
  scoreFromAccumulator,
} from '#libs/scoring';
import { AS_OF, PARTY, historyArb, invoiceMove, materialise, type Move } from './testing/arbitrary-history';

const EPSILON = 1e-9;
const rate = (moves: readonly Move[], shiftDays = 0): PartyRatings => rateParty(PARTY, materialise(moves, shiftDays).events, policy, AS_OF);
const ratings = (r: PartyRatings): Rating[] => [r.asClient, r.asSupplier].filter((x): x is Rating => x !== null);
const componentOf = (rating: Rating | null, name: (typeof COMPONENTS)[number]) => rating?.components[name];

describe('rating properties', () => {
  it('keeps scores within 0–100 and components within [0, 1], the ranking score never above the score', () => {
    fc.assert(
      fc.property(historyArb, (moves) => {
        for (const r of ratings(rate(moves))) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(r.rankingScore).toBeGreaterThanOrEqual(0);
          expect(r.rankingScore).toBeLessThanOrEqual(r.score + EPSILON);
          expect(r.confidence).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
          for (const c of Object.values(r.components)) {
            for (const x of [c!.value, c!.confidence, c!.lowerBound]) expect(x >= 0 && x <= 1).toBe(true);
            expect(c!.lowerBound).toBeLessThanOrEqual(c!.value);
          }
          for (const reason of r.reasons) expect(Number.isFinite(reason.impact) && reason.impact >= 0).toBe(true);
        }
      }),
    );
  });

  it('never lowers punctuality for one more payment on time or early', () => {
    fc.assert(
      fc.property(historyArb, invoiceMove(fc.integer({ min: -40, max: 0 })), (moves, onTime) => {
        const before = componentOf(rate(moves).asClient, 'punctuality')?.value ?? policy.components.punctuality.priorMean;
        const after = componentOf(rate([...moves, onTime]).asClient, 'punctuality')!.value;
        expect(after).toBeGreaterThanOrEqual(before - EPSILON);
      }),
    );
  });

  it('never raises conflict for one more dispute upheld against the party', () => {
    const upheld = fc.record({
      kind: fc.constant('dispute' as const),
      rel: fc.integer({ min: 0, max: 3 }),
      day: fc.integer({ min: 0, max: 3000 }),
      byParty: fc.constant(false),
      outcome: fc.constant('upheld' as const),
      after: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(historyArb, upheld, (moves, dispute) => {
        const role = dispute.rel < 2 ? 'asClient' : 'asSupplier';
        const before = componentOf(rate(moves)[role], 'conflict')?.value ?? policy.components.conflict.priorMean;
        const after = componentOf(rate([...moves, dispute])[role], 'conflict')!.value;
        expect(after).toBeLessThanOrEqual(before + EPSILON);
      }),
    );
  });

  it('weighs older evidence less: the same history moved back in time moves every component toward its prior', () => {
    // Open engagements run until asOf, so moving them back would lengthen them: close them all (and keep
    // retractions out, which could reopen one by retracting its ending).
    const closed = historyArb.map((moves) =>
      moves
        .filter((m) => m.kind !== 'retract')
        .map((m): Move => (m.kind === 'engagement' && m.end === null ? { ...m, end: { byParty: false, amicable: true, handover: false } } : m)),
    );
    fc.assert(
      fc.property(closed, fc.integer({ min: 1, max: 2000 }), (moves, shift) => {
        const now = rate(moves);
        const older = rate(moves, shift);
        for (const role of ['asClient', 'asSupplier'] as const) {
          for (const c of COMPONENTS) {
            const recent = componentOf(now[role], c);
            const old = componentOf(older[role], c);
            if (!recent || !old) continue;
            const prior = policy.components[c].priorMean;
            expect(Math.abs(old.value - prior)).toBeLessThanOrEqual(Math.abs(recent.value - prior) + EPSILON);
            expect(old.confidence).toBeLessThanOrEqual(recent.confidence + EPSILON);
          }
        }
      }),
    );
  });

  it('grows confidence with evidence: one more payment, on time or not, never lowers it', () => {
    fc.assert(
      fc.property(historyArb, invoiceMove(), (moves, invoice) => {
        const before = rate(moves).asClient;
        const after = rate([...moves, invoice]).asClient!;
        expect(after.components.punctuality!.confidence).toBeGreaterThanOrEqual((before?.components.punctuality?.confidence ?? 0) - EPSILON);
        expect(after.confidence).toBeGreaterThanOrEqual((before?.confidence ?? 0) - EPSILON);
      }),
    );
  });

  it('gives the same result whatever the order of the events', () => {
    const logAndOrder = historyArb.chain((moves) => {
      const events = materialise(moves).events;
      return fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));
    });
    fc.assert(
      fc.property(logAndOrder, ([events, shuffled]) => {
        expect(rateParty(PARTY, shuffled, policy, AS_OF)).toEqual(rateParty(PARTY, events, policy, AS_OF));
        expect(ratePair(PARTY, 'c0', shuffled, policy, AS_OF)).toEqual(ratePair(PARTY, 'c0', events, policy, AS_OF));
      }),
    );
  });

  it('folds event by event to exactly the batch result, through JSON and redelivered events alike', () => {
    fc.assert(
      fc.property(historyArb, (moves) => {
        const events = materialise(moves).events;
        let acc = createAccumulator(PARTY, 'client');
        events.forEach((event, i) => {
          foldEvent(acc, event);
          if (i % 7 === 0) foldEvent(acc, event);
          if (i % 5 === 0) acc = JSON.parse(JSON.stringify(acc));
        });
        expect(scoreFromAccumulator(acc, policy, AS_OF)).toEqual(rateParty(PARTY, events, policy, AS_OF).asClient);
      }),
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(historyArb, (moves) => {
        const events = materialise(moves).events;
        expect(JSON.stringify(rateParty(PARTY, events, policy, AS_OF))).toBe(JSON.stringify(rateParty(PARTY, events, policy, AS_OF)));
      }),
    );
  });

  it('always gives retaliation as the first reason of a flagged rating', () => {
    fc.assert(
      fc.property(historyArb, (moves) => {
        for (const r of ratings(rate(moves)).filter((x) => x.flags.length > 0)) {
          expect(r.reasons[0].text).toMatch(/\(retaliation\)$/);
          expect(r.score).toBeLessThanOrEqual(policy.retaliation.maxScore);
        }
      }),
    );
  });
});
