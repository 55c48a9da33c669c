import { setTimeout as sleep } from 'node:timers/promises';
import { serializePosition, WrongExpectedRevisionError, type AppendResult, type EventStore, type Position } from '#libs/event-store';
import type { Recorded } from '#libs/shared-kernel';
import { decideAll, type Draft } from './decide-facts';
import { loadStream, type Loaded } from './load-stream';
import { ConcurrencyConflictError } from './recording.errors';
import type { DomainEvent, FactPlan, StreamModel, StreamOutcome } from './stream-model';

export interface StreamRecorderOptions {
  /** Reloads and decides again this many times after a concurrent write; then `ConcurrencyConflictError`. */
  readonly maxRetries?: number;
}

const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 250;

/**
 * The application layer's one way to record: load the stream, fold it, decide each fact in order against the
 * evolving state, append everything at once with the loaded revision as the expected one, and on a
 * concurrent write start over, a bounded number of times. A fact whose client key the stream already holds
 * answers what it answered the first time and is not decided again.
 */
export class StreamRecorder {
  private readonly maxRetries: number;

  constructor(
    private readonly store: EventStore,
    options: StreamRecorderOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 5;
  }

  async record<S, E extends DomainEvent>(
    streamId: string,
    model: StreamModel<S, E>,
    plans: readonly FactPlan<S, E>[],
  ): Promise<StreamOutcome> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadStream(this.store, streamId, model);
      const { drafts, pending, refusals } = decideAll(streamId, model, loaded, plans);
      if (refusals.length > 0) return { status: 'refused', streamId, refusals };
      if (pending.length === 0) return { status: 'recorded', streamId, facts: await this.answer(streamId, loaded, drafts, null) };
      try {
        const expectedRevision = loaded.revision < 0 ? 'no_stream' : loaded.revision;
        const appended = await this.store.appendToStream(streamId, pending, { expectedRevision });
        return { status: 'recorded', streamId, facts: await this.answer(streamId, loaded, drafts, appended) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt > this.maxRetries) throw new ConcurrencyConflictError(streamId, attempt);
        await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
      }
    }
  }

  /** A batch of one: its answer, or its refusal thrown. */
  async recordOne<S, E extends DomainEvent>(streamId: string, model: StreamModel<S, E>, plan: FactPlan<S, E>): Promise<Recorded> {
    const outcome = await this.record(streamId, model, [plan]);
    if (outcome.status === 'refused') throw outcome.refusals[0].error;
    return outcome.facts[0];
  }

  /**
   * Each fact's revision and position are those of its last event, as a replay will answer them; a fact
   * that recorded nothing points at what preceded it (revision -1 on a stream still empty).
   */
  private async answer<S>(streamId: string, loaded: Loaded<S>, drafts: readonly Draft[], appended: AppendResult | null): Promise<Recorded[]> {
    const positions = await this.positionsOf(streamId, loaded.revision, drafts, appended);
    let before: Position | null | undefined = loaded.lastPosition;
    const positionAt = async (revision: number): Promise<string> => {
      const position = positions.get(revision) ?? (before ??= (await this.store.headPosition()) ?? { commit: 0n, prepare: 0n });
      return serializePosition(position);
    };
    const facts: Recorded[] = [];
    for (const draft of drafts) {
      if ('replayed' in draft) {
        facts.push(draft.replayed);
        continue;
      }
      const revision = loaded.revision + draft.pendingAfter;
      facts.push({ streamId, eventIds: draft.eventIds, revision, position: await positionAt(revision), replayed: false });
    }
    return facts;
  }

  /** Positions of the appended events that end a fact; an append tells only its last one, so others are read back. */
  private async positionsOf(streamId: string, from: number, drafts: readonly Draft[], appended: AppendResult | null): Promise<Map<number, Position>> {
    const positions = new Map<number, Position>();
    if (!appended) return positions;
    positions.set(appended.nextExpectedRevision, appended.position);
    const ends = drafts.flatMap((d) => ('replayed' in d || d.pendingAfter === 0 ? [] : [from + d.pendingAfter]));
    if (ends.every((revision) => revision === appended.nextExpectedRevision)) return positions;
    const count = appended.nextExpectedRevision - from;
    for await (const event of this.store.readStream(streamId, { fromRevision: from + 1, maxCount: count })) {
      positions.set(event.revision, event.position);
    }
    return positions;
  }
}
