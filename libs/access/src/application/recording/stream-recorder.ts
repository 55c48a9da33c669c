import { setTimeout as sleep } from 'node:timers/promises';
import { serializePosition, WrongExpectedRevisionError, type AppendResult, type EventStore, type Position } from '#libs/event-store';
import type { Recorded } from '#libs/shared-kernel';
import { decideAll, type Decided, type Draft } from './decide-facts';
import { catchUp, emptyStream, loadStream, type KnownStream } from './load-stream';
import { ConcurrencyConflictError } from './recording.errors';
import { StreamCache, type StreamCacheLimits } from './stream-cache';
import type { DomainEvent, FactPlan, StreamModel, StreamOutcome } from './stream-model';
import { StreamTurns } from './stream-turns';
import { readBack, type Written } from './written-events';

export interface StreamRecorderOptions {
  /** Catches up and decides again this many times after a concurrent write; then `ConcurrencyConflictError`. */
  readonly maxRetries?: number;
  /** Folded streams kept between commands; `false` reads each stream whole for every command. */
  readonly cache?: StreamCacheLimits | false;
}

const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 250;

/**
 * The application layer's one way to record: decide each fact in order against the stream's folded state,
 * append everything at once with the state's revision as the expected one, and on a concurrent write catch up
 * and decide again, a bounded number of times. A fact whose client key the stream already holds answers what
 * it answered the first time and is not decided again.
 *
 * The state comes from a per-process cache when it holds the stream, so the common command is one append. A
 * cached state may be behind another process's writes: the append then fails and the recorder reads only the
 * events after it. A stream the cache does not hold is first taken for a new one (see `createStream`).
 * Commands on one stream take turns within the process.
 */
export class StreamRecorder {
  private readonly maxRetries: number;
  private readonly cache: StreamCache | null;
  private readonly turns = new StreamTurns();
  /** Whether the store has told the positions of events it wrote (`AppendResult.written`), as some adapters do. */
  private storeTellsWrites = false;

  constructor(
    private readonly store: EventStore,
    options: StreamRecorderOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 5;
    this.cache = options.cache === false ? null : new StreamCache(options.cache);
  }

  record<S, E extends DomainEvent>(streamId: string, model: StreamModel<S, E>, plans: readonly FactPlan<S, E>[]): Promise<StreamOutcome> {
    return this.turns.run(streamId, () => this.recordInTurn(streamId, model, plans));
  }

  /** A batch of one: its answer, or its refusal thrown. */
  async recordOne<S, E extends DomainEvent>(streamId: string, model: StreamModel<S, E>, plan: FactPlan<S, E>): Promise<Recorded> {
    const outcome = await this.record(streamId, model, [plan]);
    if (outcome.status === 'refused') throw outcome.refusals[0].error;
    return outcome.facts[0];
  }

  private async recordInTurn<S, E extends DomainEvent>(
    streamId: string,
    model: StreamModel<S, E>,
    plans: readonly FactPlan<S, E>[],
  ): Promise<StreamOutcome> {
    const cached = this.cache?.get(streamId, model);
    if (!cached && this.cache && this.storeTellsWrites) {
      const created = await this.createStream(streamId, model, plans);
      if (created) return created;
    }
    let known = cached ?? (await loadStream(this.store, streamId, model));
    for (let attempt = 1; ; attempt++) {
      const decided = decideAll(streamId, model, known, plans);
      if (decided.refusals.length > 0 || decided.pending.length === 0) {
        // What was read is the store's, and the batch changed nothing of it.
        this.cache?.set(streamId, model, known);
        if (decided.refusals.length > 0) return { status: 'refused', streamId, refusals: decided.refusals };
        return { status: 'recorded', streamId, facts: await this.answer(streamId, known, decided.drafts, null) };
      }
      const written = await this.append(streamId, known, decided);
      if (written !== 'conflict') {
        this.cache?.set(streamId, model, written.after);
        return { status: 'recorded', streamId, facts: await this.answer(streamId, known, decided.drafts, written) };
      }
      if (attempt > this.maxRetries) throw new ConcurrencyConflictError(streamId, attempt);
      // A conflict on the cached state is most likely another process's write since, not contention.
      if (attempt > 1 || known !== cached) await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
      const caughtUp = await catchUp(this.store, streamId, model, known);
      // Nothing after what it knew, yet the append failed: the stream is not what this process saw (a store reset).
      known = caughtUp.revision > known.revision ? caughtUp : await loadStream(this.store, streamId, model);
    }
  }

  /**
   * The batch recorded on a stream taken for new, or null when it is not: decided on the empty stream and
   * appended at no_stream, which spares reading a stream this process has never seen. The store wrote the
   * events now (it says so in `written`, as it does for every append at a known revision that writes: see the
   * event store's written-positions contract), so the stream was empty and the decision stands. Anything
   * else — a refusal or nothing to record on the empty state, a stream that exists, an append the store took
   * for a retry of events it holds — writes nothing, and the caller reads the stream and decides as usual, so
   * that replays and reused keys are told from what is stored.
   */
  private async createStream<S, E extends DomainEvent>(
    streamId: string,
    model: StreamModel<S, E>,
    plans: readonly FactPlan<S, E>[],
  ): Promise<StreamOutcome | null> {
    const empty = emptyStream(model);
    const decided = decideAll(streamId, model, empty, plans);
    if (decided.refusals.length > 0 || decided.pending.length === 0) return null;
    let appended: AppendResult;
    try {
      appended = await this.store.appendToStream(streamId, decided.pending, { expectedRevision: 'no_stream' });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return null;
      throw error;
    }
    if (appended.written?.length !== decided.pending.length) return null;
    const written = await readBack(this.store, streamId, empty, decided, appended);
    if (written === 'conflict') return null;
    this.cache?.set(streamId, model, written.after);
    return { status: 'recorded', streamId, facts: await this.answer(streamId, empty, decided.drafts, written) };
  }

  /**
   * The stream once the decided events are appended, or 'conflict' when the store holds other events at
   * those revisions: another writer went first, or recorded the same client keys for another request
   * (the store then takes this append for a retry, hence the read-back of keyed events).
   */
  private async append<S>(streamId: string, known: KnownStream<S>, decided: Decided<S>): Promise<Written<S> | 'conflict'> {
    let appended: AppendResult;
    try {
      appended = await this.store.appendToStream(streamId, decided.pending, { expectedRevision: known.revision < 0 ? 'no_stream' : known.revision });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return 'conflict';
      throw error;
    }
    if (appended.written) this.storeTellsWrites = true;
    return readBack(this.store, streamId, known, decided, appended);
  }

  /**
   * Each fact's revision and position are those of its last event, as a replay will answer them; a fact
   * that recorded nothing points at what preceded it (revision -1 on a stream still empty).
   */
  private async answer<S>(streamId: string, known: KnownStream<S>, drafts: readonly Draft[], written: Written<S> | null): Promise<Recorded[]> {
    let before: Position | null | undefined = known.lastPosition;
    const positionAt = async (revision: number): Promise<string> => {
      const position = written?.positions.get(revision) ?? (before ??= (await this.store.headPosition()) ?? { commit: 0n, prepare: 0n });
      return serializePosition(position);
    };
    const facts: Recorded[] = [];
    for (const draft of drafts) {
      if ('replayed' in draft) {
        facts.push(draft.replayed);
        continue;
      }
      const revision = known.revision + draft.pendingAfter;
      facts.push({ streamId, eventIds: draft.eventIds, revision, position: await positionAt(revision), replayed: false });
    }
    return facts;
  }
}
