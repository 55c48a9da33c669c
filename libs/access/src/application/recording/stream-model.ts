import type { CommandContext, EventEnvelope, RapportError, Recorded } from '#libs/shared-kernel';
import type { IdempotencyMark } from './idempotency';

export type DomainEvent = { readonly type: string; readonly data: unknown };

/** What recording needs to know about a kind of stream: its decider's fold and its event versions. */
export interface StreamModel<S, E extends DomainEvent> {
  readonly initialState: S;
  evolve(state: S, envelope: EventEnvelope<E>): S;
  /** A stored event in today's shape (the lib's upcaster); throws for one it cannot read. */
  upcast(type: string, schemaVersion: number, data: unknown): E;
  /** The schema version stored with a new event of this type. */
  schemaVersion(type: E['type']): number;
}

/** A client's key for one fact, scoped to who sent it, with the hash of what it asked. */
export interface IdempotencyClaim extends IdempotencyMark {
  /** Who owns the key (see `idempotencyScopeOf`). */
  readonly scope: string;
}

/** One fact to record: the decision to take against the stream's state, in its command's context. */
export interface PlannedFact<S, E extends DomainEvent> {
  readonly kind: 'planned';
  readonly context: CommandContext;
  readonly idempotency?: IdempotencyClaim;
  /** The domain's decision; throws a `RapportError` to refuse the fact. */
  decide(state: S): readonly E[];
}

/** A fact refused before its stream is read: its sender may not record it, or it is malformed. */
export interface RefusedFact {
  readonly kind: 'refused';
  readonly error: RapportError;
}

export type FactPlan<S, E extends DomainEvent> = PlannedFact<S, E> | RefusedFact;

/** Which fact of a batch (0-based) was refused, and why. */
export interface FactRefusal {
  readonly index: number;
  readonly error: RapportError;
}

/** All of a batch, or none of it: either every fact's answer in order, or every refused fact. */
export type StreamOutcome =
  | { readonly status: 'recorded'; readonly streamId: string; readonly facts: readonly Recorded[] }
  | { readonly status: 'refused'; readonly streamId: string; readonly refusals: readonly FactRefusal[] };

