import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { StoreUnavailableError } from '../../event-store.errors';
import {
  DEFAULT_MAX_APPEND_SIZE_BYTES,
  comparePositions,
  type AppendOptions,
  type AllFilter,
  type AppendResult,
  type EventData,
  type EventStore,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type SubscriptionMessage,
} from '../../event-store.port';
import { prepareAppend } from '../shared/append-batch';
import {
  encodedSizeBytes,
  eventPosition,
  isStreamNotFound,
  selectEvent,
  toEsdbExpectedRevision,
  toPortError,
  toRecordedEvent,
  toRevision,
} from './eventstoredb-mapping';
import { DEFAULT_RESUBSCRIBE_POLICY, subscribeToAllResilient, type ResubscribePolicy } from './eventstoredb-subscription';

export interface EventStoreDbOptions {
  readonly maxAppendSizeBytes?: number;
  readonly resubscribe?: Partial<ResubscribePolicy>;
}

/**
 * The port over EventStoreDB / KurrentDB (server 23.10 or later, for the caught-up signal).
 * The server already has the port's semantics (revisions, expected revisions, idempotent appends by id,
 * exclusive subscription positions); this class translates types and errors and hides system records.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly maxAppendSizeBytes: number;
  private readonly resubscribe: ResubscribePolicy;
  private closed = false;

  constructor(connectionString: string, options: EventStoreDbOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.maxAppendSizeBytes = options.maxAppendSizeBytes ?? DEFAULT_MAX_APPEND_SIZE_BYTES;
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE_POLICY, ...options.resubscribe };
  }

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    const batch = prepareAppend(streamId, events, expected, this.maxAppendSizeBytes);
    const proposed = events.map(({ type, data, metadata }, index) => jsonEvent({ id: batch.ids[index], type, data, metadata }));
    let result;
    try {
      result = await this.client.appendToStream(streamId, proposed, { expectedRevision: toEsdbExpectedRevision(expected) });
    } catch (error) {
      throw toPortError(error, { streamId, expected, sizeBytes: encodedSizeBytes(batch) });
    }
    const nextExpectedRevision = toRevision(result.nextExpectedRevision);
    // An append the server recognises as a repeat (same event ids) succeeds without a position.
    const position = result.position ?? (await this.positionAt(streamId, nextExpectedRevision));
    return { nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const read = this.client.readStream(streamId, {
      direction,
      fromRevision: typeof from === 'number' ? BigInt(from) : from,
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    try {
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event) yield event;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw toPortError(error);
    } finally {
      await read.cancel();
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    if (direction === 'backwards' && typeof from === 'object') {
      // The server reads backwards strictly before a position; the port's fromPosition is inclusive.
      const atFrom = await this.recordAt(from, options.filter);
      if (atFrom) {
        yield atFrom;
        if (--remaining === 0) return;
      }
    }
    // The client's readAll takes no server-side filter, so the port's filter runs here.
    for await (const resolved of this.readAllRecords({ direction, fromPosition: from })) {
      const event = selectEvent(resolved, options.filter);
      if (!event) continue;
      if (typeof from === 'object') {
        const order = comparePositions(event.position, from);
        if (direction === 'forwards' ? order < 0 : order >= 0) continue;
      }
      yield event;
      if (--remaining === 0) return;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<SubscriptionMessage> {
    return subscribeToAllResilient(
      {
        client: this.client,
        policy: this.resubscribe,
        lastRecordPosition: () => this.lastRecordPosition(),
        assertOpen: () => this.assertOpen(),
      },
      options,
    );
  }

  async headPosition(): Promise<Position | null> {
    for await (const event of this.readAll({ direction: 'backwards', maxCount: 1 })) return event.position;
    return null;
  }

  /** Ends running reads and subscriptions; every later call fails with StoreUnavailableError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  private assertOpen(): void {
    // The client reconnects after `dispose`, so closing has to be enforced here.
    if (this.closed) throw new StoreUnavailableError('the event store is closed');
  }

  private async *readAllRecords(options: { direction: 'forwards' | 'backwards'; fromPosition: Position | 'start' | 'end'; maxCount?: number }) {
    const read = this.client.readAll(options);
    try {
      yield* read;
    } catch (error) {
      throw toPortError(error);
    } finally {
      await read.cancel();
    }
  }

  private async recordAt(position: Position, filter: AllFilter | undefined): Promise<RecordedEvent | null> {
    for await (const resolved of this.readAllRecords({ direction: 'forwards', fromPosition: position, maxCount: 1 })) {
      return comparePositions(eventPosition(resolved), position) === 0 ? selectEvent(resolved, filter) : null;
    }
    return null;
  }

  /** Includes system records: a subscription from 'end' starts after whatever was written last. */
  private async lastRecordPosition(): Promise<Position | null> {
    for await (const resolved of this.readAllRecords({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) {
      return eventPosition(resolved);
    }
    return null;
  }

  private async positionAt(streamId: string, revision: number): Promise<Position> {
    for await (const event of this.readStream(streamId, { fromRevision: revision, maxCount: 1 })) return event.position;
    throw new Error(`EventStoreDB reported revision ${revision} of ${streamId} but has no such event`);
  }
}
