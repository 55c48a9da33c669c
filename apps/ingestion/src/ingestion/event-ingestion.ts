import { isRapportError, RapportError, type ErrorKind } from '#libs/shared-kernel';
import type { Event, EventResult, FieldViolation } from '../generated/rapport/ingestion/v1/ingestion';
import { InvalidEventError, toIngestionItem, type IngestionContext, type IngestionItem } from '../events/event-to-command';
import { accepted, aborted, rejected } from './event-results';
import type { IngestionRecorder, ItemRefusal } from './ingestion-recorder.port';
import { requireInScope, type PartnerPrincipal } from './partner-scope';
import { StreamLanes } from './stream-lanes';

export const MAX_BATCH_EVENTS = 1000;

interface Indexed {
  readonly index: number;
  readonly event: Event;
  readonly item: IngestionItem;
}

/** An event's refusal that fails a whole RecordEvents call: same kind and code, the message names the event. */
class EventInBatchError extends RapportError {
  readonly kind: ErrorKind;
  readonly code: string;

  constructor(index: number, cause: RapportError) {
    super(`events[${index}]: ${cause.message}`, { ...cause.details, index });
    this.kind = cause.kind;
    this.code = cause.code;
  }
}

const byStream = (items: readonly Indexed[]): Indexed[][] => {
  const groups = new Map<string, Indexed[]>();
  for (const entry of items) {
    const group = groups.get(entry.item.streamId);
    if (group) group.push(entry);
    else groups.set(entry.item.streamId, [entry]);
  }
  return [...groups.values()];
};

const refusalsOf = (refusals: readonly ItemRefusal[], streamId: string): Map<number, RapportError> => {
  if (refusals.length === 0) throw new Error(`The recorder refused a batch of ${streamId} without naming an item`);
  return new Map(refusals.map((r) => [r.index, r.error]));
};

/** Runs `work` over `inputs` with at most `limit` at a time; waits for every run, then throws the first failure. */
const inParallel = async <T>(inputs: readonly T[], limit: number, work: (input: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < inputs.length && failures.length === 0) {
      try {
        await work(inputs[next++]);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  if (failures.length > 0) throw failures[0];
};

/** The longest prefix whose external ids are distinct: one batch cannot carry the same idempotency key twice. */
const distinctPrefix = (items: readonly Indexed[]): Indexed[] => {
  const seen = new Set<string>();
  const prefix: Indexed[] = [];
  for (const entry of items) {
    if (seen.has(entry.item.externalId)) break;
    seen.add(entry.item.externalId);
    prefix.push(entry);
  }
  return prefix;
};

/**
 * Records wire events through the application layer, for every channel alike (RecordEvents, StreamEvents,
 * the bulk import): events become commands, are checked against the key's scope, are grouped by relationship
 * stream, and each group goes to the recorder as one all-or-nothing batch. Groups run concurrently; groups of
 * the same relationship from calls in flight together run in the order the calls came in.
 */
export class EventIngestion {
  private readonly lanes = new StreamLanes();

  constructor(
    private readonly recorder: IngestionRecorder,
    private readonly concurrency = 8,
  ) {}

  /** Runs `work` for each relationship group, at most `concurrency` at a time, each in its stream's lane. */
  private async eachGroup(items: readonly Indexed[], work: (group: Indexed[]) => Promise<void>): Promise<void> {
    const groups = byStream(items).map((group) => ({ group, slot: this.lanes.reserve(group[0].item.streamId) }));
    try {
      await inParallel(groups, this.concurrency, async ({ group, slot }) => {
        await slot.turn;
        try {
          await work(group);
        } finally {
          slot.release();
        }
      });
    } finally {
      for (const { slot } of groups) slot.release();
    }
  }

  /**
   * RecordEvents: a malformed or out-of-scope event fails the whole call before anything is recorded;
   * otherwise each relationship's events are recorded all-or-nothing, and the results say which were not.
   */
  async recordBatch(principal: PartnerPrincipal, events: readonly Event[], ctx: IngestionContext): Promise<EventResult[]> {
    const items = this.translateBatch(principal, events, ctx);
    const results = new Array<EventResult>(events.length);
    await this.eachGroup(items, async (group) => {
      const outcome = await this.recorder.record(principal, group.map((entry) => entry.item), ctx.correlationId);
      if (outcome.ok) {
        group.forEach((entry, k) => (results[entry.index] = accepted(entry.item.externalId, outcome.recorded[k])));
        return;
      }
      const errors = refusalsOf(outcome.refusals, group[0].item.streamId);
      const first = group[Math.min(...errors.keys())];
      group.forEach((entry, k) => {
        const error = errors.get(k);
        results[entry.index] =
          error !== undefined
            ? rejected(entry.event, error)
            : aborted(entry.event, { label: `events[${first.index}]`, externalId: first.item.externalId });
      });
    });
    return results;
  }

  /**
   * StreamEvents and the import: each event stands alone. A malformed, out-of-scope or refused event is
   * rejected and the others are recorded as if it had not been sent; order within a relationship is kept.
   */
  async recordEach(principal: PartnerPrincipal, events: readonly Event[], ctx: IngestionContext): Promise<EventResult[]> {
    const results = new Array<EventResult>(events.length);
    const valid: Indexed[] = [];
    events.forEach((event, index) => {
      try {
        const item = toIngestionItem(event, ctx);
        requireInScope(principal, item);
        valid.push({ index, event, item });
      } catch (error) {
        results[index] = rejected(event, error);
      }
    });
    await this.eachGroup(valid, async (group) => {
      for (let rest = group; rest.length > 0; ) {
        const run = distinctPrefix(rest);
        await this.recordAlone(principal, run, ctx.correlationId, results);
        rest = rest.slice(run.length);
      }
    });
    return results;
  }

  /**
   * One batch for the common case. On refusals, the refused events are rejected and the others go again
   * without them: the recorder decided each as if the refused ones had not been sent.
   */
  private async recordAlone(principal: PartnerPrincipal, run: readonly Indexed[], correlationId: string, results: EventResult[]): Promise<void> {
    for (let rest = run; rest.length > 0; ) {
      const outcome = await this.recorder.record(principal, rest.map((entry) => entry.item), correlationId);
      if (outcome.ok) {
        rest.forEach((entry, k) => (results[entry.index] = accepted(entry.item.externalId, outcome.recorded[k])));
        return;
      }
      const errors = refusalsOf(outcome.refusals, rest[0].item.streamId);
      rest.forEach((entry, k) => {
        const error = errors.get(k);
        if (error !== undefined) results[entry.index] = rejected(entry.event, error);
      });
      rest = rest.filter((_, k) => !errors.has(k));
    }
  }

  /** Every event's command, or one error naming every field at fault as `events[i].<field>`. */
  private translateBatch(principal: PartnerPrincipal, events: readonly Event[], ctx: IngestionContext): Indexed[] {
    if (events.length === 0 || events.length > MAX_BATCH_EVENTS) {
      throw new InvalidEventError([{ field: 'events', description: `send 1 to ${MAX_BATCH_EVENTS} events; got ${events.length}` }]);
    }
    const violations: FieldViolation[] = [];
    const items: Indexed[] = [];
    const firstIndexOf = new Map<string, number>();
    events.forEach((event, index) => {
      const earlier = firstIndexOf.get(event.externalId);
      if (earlier !== undefined) {
        violations.push({ field: `events[${index}].external_id`, description: `repeats events[${earlier}].external_id` });
      } else firstIndexOf.set(event.externalId, index);
      try {
        items.push({ index, event, item: toIngestionItem(event, ctx) });
      } catch (error) {
        if (!(error instanceof InvalidEventError)) throw error;
        violations.push(...error.violations.map((v) => ({ field: `events[${index}].${v.field}`, description: v.description })));
      }
    });
    if (violations.length > 0) throw new InvalidEventError(violations);
    for (const entry of items) {
      try {
        requireInScope(principal, entry.item);
      } catch (error) {
        throw isRapportError(error) ? new EventInBatchError(entry.index, error) : error;
      }
    }
    return items;
  }
}
