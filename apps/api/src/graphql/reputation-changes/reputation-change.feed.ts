import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { comparePositions, EVENT_STORE, serializePosition, type EventStore, type Position, type RecordedEvent } from '#libs/event-store';
import { parsePartyStreamId } from '#libs/parties';
import { parseRelationshipStreamId } from '#libs/relationships';
import type { ReadModels } from '../../read-models/read-models';
import { READ_MODELS } from '../../read-models/read-models.module';
import type { ApiLimits } from '../limits/api-limits.config';
import { API_LIMITS } from '../limits/api-limits.module';

/** What subscribers of a party hear: its reputation changed, as of this position of the log. */
export interface ReputationChangePayload {
  readonly partyId: string;
  readonly position: string;
}

const STREAMS = { streamNamePrefixes: ['party-', 'relationship-'] };
const RETRY_MS = 1000;

const partiesOf = (streamId: string): string[] => {
  const party = parsePartyStreamId(streamId);
  if (party) return [party];
  const relationship = parseRelationshipStreamId(streamId);
  return relationship ? [relationship.supplierId, relationship.clientId] : [];
};

const topicOf = (partyId: string): string => `reputationChanged:${partyId}`;

/**
 * Tells subscribers when a party's reputation changed, in either read-model mode and without a hook in
 * the projector: it follows the event log itself (party and relationship streams, from the head at the
 * first subscription), notes the parties each event concerns, waits until the read models have that
 * position, then publishes once per party. Events that arrive while it waits are coalesced: a burst
 * about one party gives one notification. The log is followed only while someone is subscribed.
 */
@Injectable()
export class ReputationChangeFeed implements OnModuleDestroy {
  private readonly logger = new Logger('ReputationChanges');
  private readonly pubsub = new PubSub();
  private readonly interest = new Map<string, number>();
  private readonly pending = new Map<string, { position: Position; streamId: string }>();
  private follower: { readonly abort: AbortController; readonly ready: Promise<void> } | null = null;
  private flushing = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(API_LIMITS) private readonly limits: ApiLimits,
  ) {}

  /** Changes of `partyId` from now on, until the iterator is returned (the client unsubscribes or leaves). */
  async changesOf(partyId: string): Promise<AsyncIterableIterator<ReputationChangePayload>> {
    const inner = this.pubsub.asyncIterableIterator<ReputationChangePayload>(topicOf(partyId));
    this.interest.set(partyId, (this.interest.get(partyId) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.release(partyId);
    };
    try {
      await this.follow();
    } catch (error) {
      release();
      throw error;
    }
    const changes: AsyncIterableIterator<ReputationChangePayload> = {
      next: () => inner.next(),
      return: () => {
        release();
        return inner.return();
      },
      throw: (error: unknown) => {
        release();
        return inner.throw(error);
      },
      [Symbol.asyncIterator]: () => changes,
    };
    return changes;
  }

  /** Whether anyone listens to `partyId` and the log is being followed (tests wait for it before writing). */
  async listening(partyId: string): Promise<boolean> {
    if ((this.interest.get(partyId) ?? 0) === 0 || !this.follower) return false;
    await this.follower.ready;
    return true;
  }

  /** Whether the log is being followed at all. */
  following(): boolean {
    return this.follower !== null;
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private follow(): Promise<void> {
    if (this.follower) return this.follower.ready;
    const abort = new AbortController();
    const ready = this.store.headPosition().then((head) => void this.run(head ?? 'start', abort.signal));
    this.follower = { abort, ready };
    ready.catch(() => {
      if (this.follower?.abort === abort) this.follower = null;
    });
    return ready;
  }

  private async run(from: Position | 'start', signal: AbortSignal): Promise<void> {
    let last = from;
    while (!signal.aborted) {
      try {
        for await (const message of this.store.subscribeToAll({ fromPosition: last, filter: STREAMS, signal })) {
          if (message.kind !== 'event') continue;
          last = message.event.position;
          this.note(message.event);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.logger.warn(`Following the log failed, retrying in ${RETRY_MS} ms: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private note({ streamId, position }: RecordedEvent): void {
    const listened = partiesOf(streamId).filter((partyId) => (this.interest.get(partyId) ?? 0) > 0);
    if (listened.length === 0) return;
    for (const partyId of listened) this.pending.set(partyId, { position, streamId });
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.size > 0) {
        const batch = [...this.pending];
        this.pending.clear();
        const latestByStream = new Map<string, Position>();
        for (const [, { streamId, position }] of batch) {
          const seen = latestByStream.get(streamId);
          if (!seen || comparePositions(position, seen) > 0) latestByStream.set(streamId, position);
        }
        // On a timeout the change is published anyway: the reader then sees the read models as they are.
        await Promise.all([...latestByStream].map(([streamId, position]) => this.readModels.waitFor(serializePosition(position), streamId, this.limits.projectionWaitMs)));
        for (const [partyId, { position }] of batch) await this.pubsub.publish(topicOf(partyId), { partyId, position: serializePosition(position) });
      }
    } catch (error) {
      this.logger.error(`Publishing reputation changes failed: ${error instanceof Error ? error.stack : String(error)}`);
    } finally {
      this.flushing = false;
    }
  }

  private release(partyId: string): void {
    const left = (this.interest.get(partyId) ?? 1) - 1;
    if (left > 0) this.interest.set(partyId, left);
    else this.interest.delete(partyId);
    if (this.interest.size === 0) this.stop();
  }

  private stop(): void {
    this.follower?.abort.abort();
    this.follower = null;
    this.pending.clear();
  }
}
