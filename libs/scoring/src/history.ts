import type { EvidenceAccumulator, Fact, FactOf } from './evidence-accumulator';

export interface ResolvedEngagement {
  readonly start: FactOf<'engagementStarted'>;
  readonly end: FactOf<'engagementEnded'> | null;
}
export interface ResolvedDispute {
  readonly raised: FactOf<'disputeRaised'>;
  readonly resolved: FactOf<'disputeResolved'> | null;
}
export interface ResolvedLegalAction {
  readonly taken: FactOf<'legalTaken'>;
  readonly concluded: FactOf<'legalConcluded'> | null;
}

/**
 * A party's history in one role as known at `asOf`: facts that happened by then and were not retracted
 * by then, with each dispute, legal action and engagement joined to its outcome. Where a fact was
 * recorded twice (say two endings of one engagement), the earliest in (time, event id) order counts.
 */
export interface History {
  readonly payments: FactOf<'payment'>[];
  readonly deliveries: FactOf<'delivery'>[];
  readonly priorityServices: FactOf<'priority'>[];
  readonly referrals: FactOf<'referral'>[];
  readonly engagements: ResolvedEngagement[];
  readonly disputes: ResolvedDispute[];
  readonly legalActions: ResolvedLegalAction[];
  readonly feedback: { readonly fact: FactOf<'feedback'>; readonly revealed: boolean }[];
}

const byTimeThenId = (a: Fact, b: Fact): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Facts that happened by `asOf`, in (time, event id) order, each event once however often it was folded. */
export const factsKnownAt = (acc: EvidenceAccumulator, asOfMs: number): Fact[] => {
  const known = acc.facts.filter((f) => f.at <= asOfMs).sort(byTimeThenId);
  let kept = 0;
  for (let i = 0; i < known.length; i++) if (kept === 0 || known[i].id !== known[kept - 1].id) known[kept++] = known[i];
  known.length = kept;
  return known;
};

/** A retraction can itself be retracted, which restores the fact; the depth guard only stops malformed loops. */
const retractedIds = (facts: readonly Fact[]): ReadonlySet<string> => {
  const retractionsOf = new Map<string, string[]>();
  for (const f of facts) if (f.k === 'retraction') retractionsOf.set(f.target, [...(retractionsOf.get(f.target) ?? []), f.id]);
  const memo = new Map<string, boolean>();
  const isRetracted = (id: string, depth: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const result = depth < 32 && (retractionsOf.get(id) ?? []).some((r) => !isRetracted(r, depth + 1));
    memo.set(id, result);
    return result;
  };
  return new Set([...retractionsOf.keys()].filter((id) => isRetracted(id, 0)));
};

const emptyHistory = (): History => ({
  payments: [],
  deliveries: [],
  priorityServices: [],
  referrals: [],
  engagements: [],
  disputes: [],
  legalActions: [],
  feedback: [],
});

interface Pending {
  readonly engagements: Map<string, { start?: FactOf<'engagementStarted'>; end?: FactOf<'engagementEnded'> }>;
  readonly disputes: Map<string, { raised?: FactOf<'disputeRaised'>; resolved?: FactOf<'disputeResolved'> }>;
  readonly legal: Map<string, { taken?: FactOf<'legalTaken'>; concluded?: FactOf<'legalConcluded'> }>;
  readonly feedback: FactOf<'feedback'>[];
  readonly revealed: Set<string>;
}

export const historyOf = (facts: readonly Fact[]): History => {
  const retracted = retractedIds(facts);
  const history = emptyHistory();
  const pending: Pending = { engagements: new Map(), disputes: new Map(), legal: new Map(), feedback: [], revealed: new Set() };
  for (const fact of facts) if (!retracted.has(fact.id)) sort(fact, history, pending);
  return join(history, pending);
};

const entry = <V extends object>(map: Map<string, V>, key: string): V => {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = {} as V));
  return value;
};

/** Files one fact; with facts in (time, id) order, `??=` keeps the earliest of any duplicate. */
const sort = (fact: Fact, history: History, pending: Pending): void => {
  switch (fact.k) {
    case 'payment':
      history.payments.push(fact);
      break;
    case 'delivery':
      history.deliveries.push(fact);
      break;
    case 'priority':
      history.priorityServices.push(fact);
      break;
    case 'referral':
      history.referrals.push(fact);
      break;
    case 'engagementStarted':
      entry(pending.engagements, fact.key).start ??= fact;
      break;
    case 'engagementEnded':
      entry(pending.engagements, fact.key).end ??= fact;
      break;
    case 'disputeRaised':
      entry(pending.disputes, fact.key).raised ??= fact;
      break;
    case 'disputeResolved':
      entry(pending.disputes, fact.key).resolved ??= fact;
      break;
    case 'legalTaken':
      entry(pending.legal, fact.key).taken ??= fact;
      break;
    case 'legalConcluded':
      entry(pending.legal, fact.key).concluded ??= fact;
      break;
    case 'feedback':
      pending.feedback.push(fact);
      break;
    case 'revealed':
      for (const key of fact.keys) pending.revealed.add(key);
      break;
    case 'retraction':
      break;
  }
};

const join = (history: History, pending: Pending): History => {
  for (const { start, end } of pending.engagements.values()) {
    if (start) history.engagements.push({ start, end: end && end.at >= start.at ? end : null });
  }
  for (const { raised, resolved } of pending.disputes.values()) {
    if (raised) history.disputes.push({ raised, resolved: resolved ?? null });
  }
  for (const { taken, concluded } of pending.legal.values()) {
    if (taken) history.legalActions.push({ taken, concluded: concluded ?? null });
  }
  for (const fact of pending.feedback) history.feedback.push({ fact, revealed: pending.revealed.has(fact.key) });
  return history;
};

/** Whether a dispute in this relationship was open at `atMs`: raised by then and not yet resolved. */
export const disputeOpenAt = (history: History, cp: string, atMs: number): boolean =>
  history.disputes.some((d) => d.raised.cp === cp && d.raised.at <= atMs && (d.resolved === null || d.resolved.at > atMs));
