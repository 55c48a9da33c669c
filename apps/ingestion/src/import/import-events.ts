import type { Event, EventResult } from '../generated/rapport/ingestion/v1/ingestion';
import type { EventRecord } from './event-records';

export interface ImportSummary {
  readonly read: number;
  readonly recorded: number;
  /** Recorded by an earlier run (or over gRPC) under the same external id: nothing new. */
  readonly replayed: number;
  readonly rejected: number;
  readonly interrupted: boolean;
}

export interface ImportRejection {
  readonly line: number;
  readonly externalId: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportOptions {
  readonly batchSize: number;
  /** Stops after the batch in flight: running the import again finishes it, recording nothing twice. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (summary: ImportSummary) => void;
  readonly onRejected?: (rejection: ImportRejection) => void;
}

const UNREADABLE = 'IMPORT.UNREADABLE_RECORD';

/**
 * Feeds an import file's events to `record` in batches, in file order. `record` is the ingestion path every
 * channel shares (each event stands alone, its external id its idempotency key), so a run interrupted at any
 * point and started again records every event exactly once.
 */
export const importEvents = async (
  records: AsyncIterable<EventRecord>,
  record: (events: Event[]) => Promise<EventResult[]>,
  { batchSize, signal, onProgress, onRejected }: ImportOptions,
): Promise<ImportSummary> => {
  let summary: ImportSummary = { read: 0, recorded: 0, replayed: 0, rejected: 0, interrupted: false };
  let batch: { line: number; event: Event }[] = [];
  const reject = (rejection: ImportRejection) => {
    summary = { ...summary, rejected: summary.rejected + 1 };
    onRejected?.(rejection);
  };
  const flush = async () => {
    const sent = batch;
    batch = [];
    const results = await record(sent.map((r) => r.event));
    let { recorded, replayed } = summary;
    results.forEach(({ outcome }, k) => {
      if (outcome?.$case === 'accepted') {
        if (outcome.value.replayed) replayed++;
        else recorded++;
      } else {
        const { code, message } = outcome?.value ?? { code: UNREADABLE, message: 'no result' };
        reject({ line: sent[k].line, externalId: sent[k].event.externalId, code, message });
      }
    });
    summary = { ...summary, recorded, replayed };
    onProgress?.(summary);
  };
  for await (const entry of records) {
    if (signal?.aborted) return { ...summary, interrupted: true };
    summary = { ...summary, read: summary.read + 1 };
    if ('error' in entry) reject({ line: entry.line, externalId: '', code: UNREADABLE, message: entry.error });
    else batch.push(entry);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return { ...summary, interrupted: false };
};
