import { InMemoryEventStore, StoreUnavailableError, type AppendOptions, type EventData, type ReadStreamOptions, type RecordedEvent } from '#libs/event-store';
import { RapportError, type CommandContext, type EventEnvelope } from '#libs/shared-kernel';
import type { PlannedFact, StreamModel } from '../stream-model';

/** A stream of counts: the state is how many events it holds, each event the count it brings the stream to. */
export type Counted = { type: 'Counted'; data: { n: number } };

export const counter: StreamModel<number, Counted> = {
  initialState: 0,
  evolve: (count: number, _envelope: EventEnvelope<Counted>) => count + 1,
  upcast: (_type, _version, data) => ({ type: 'Counted', data: data as Counted['data'] }),
  schemaVersion: () => 1,
};

export class Refused extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'TEST.REFUSED';
}

const context = (correlationId = 'c1'): CommandContext => ({ now: '2026-03-01T12:00:00Z', actor: { kind: 'party', partyId: 'acme' }, correlationId });

export const count = (correlationId?: string): PlannedFact<number, Counted> => ({
  kind: 'planned',
  context: context(correlationId),
  decide: (n) => [{ type: 'Counted', data: { n: n + 1 } }],
});

/** A count sent under a client's key; `request` stands for the hash of what was sent. */
export const keyed = (key: string, { request = 'request-1', correlationId = 'c1' } = {}): PlannedFact<number, Counted> => ({
  ...count(correlationId),
  idempotency: { scope: 'party:acme', key, request },
});

/** Counts reads and appends; `failNextAppend` fails one append, before or after it writes. */
export class WatchedStore extends InMemoryEventStore {
  readonly reads: (number | 'start' | 'end' | undefined)[] = [];
  appends = 0;
  failNextAppend: 'before-writing' | 'after-writing' | null = null;

  override readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    this.reads.push(options?.fromRevision);
    return super.readStream(streamId, options);
  }

  override async appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions) {
    this.appends += 1;
    const failure = this.failNextAppend;
    this.failNextAppend = null;
    if (failure === 'before-writing') throw new StoreUnavailableError('connection lost');
    const result = await super.appendToStream(streamId, events, options);
    if (failure === 'after-writing') throw new StoreUnavailableError('connection lost after commit');
    return result;
  }
}

export const stored = async (store: InMemoryEventStore, streamId: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};
