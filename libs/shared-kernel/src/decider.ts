import type { StoredEvent } from './event-metadata';

/** What a decider folds: the event with its id and metadata (who recorded it), as read from a stream. */
export type EventEnvelope<E extends { type: string; data: unknown }> = Pick<StoredEvent<E>, 'id' | 'event' | 'metadata'>;

/**
 * A pure decider. The application layer folds a stream with `evolve` from `initialState`, calls `decide`,
 * and appends the result with the stream's revision as the expected revision.
 */
export interface Decider<C, E extends { type: string; data: unknown }, S> {
  readonly initialState: S;
  evolve(state: S, envelope: EventEnvelope<E>): S;
  decide(command: C, state: S): E[];
}

/** For exhaustive switches: fails to compile when a case is missing. */
export const assertNever = (value: never): never => {
  throw new TypeError(`Unhandled case: ${JSON.stringify(value)}`);
};
