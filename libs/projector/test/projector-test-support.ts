import { randomUUID } from 'node:crypto';
import type { EventData, EventStore } from '#libs/event-store';
import type { LogFields, ProjectorLogger, ReadStoreReader } from '#libs/projector';
import type { StreamCount } from './stream-counter.projection';

export const anEvent = (type = 'SomethingHappened', data: EventData['data'] = {}): EventData => ({ id: randomUUID(), type, data });

export const uniquePrefix = (label: string): string => `${label}-${randomUUID().slice(0, 8)}-`;

/** Appends `total` events round-robin over `streams` streams, `perAppend` at a time; returns the count per stream. */
export const appendSpread = async (store: EventStore, prefix: string, total: number, streams: number, perAppend = 10): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  for (let sent = 0, i = 0; sent < total; i += 1) {
    const size = Math.min(perAppend, total - sent);
    const streamId = `${prefix}${i % streams}`;
    await store.appendToStream(streamId, Array.from({ length: size }, () => anEvent(`Happened${sent % 3}`)));
    counts.set(streamId, (counts.get(streamId) ?? 0) + size);
    sent += size;
  }
  return counts;
};

/** A logger that keeps what it is told, for assertions on outcomes that are only visible in logs. */
export class RecordingLogger implements ProjectorLogger {
  readonly lines: { level: string; message: string; fields: LogFields }[] = [];
  info = (message: string, fields: LogFields = {}) => void this.lines.push({ level: 'info', message, fields });
  warn = (message: string, fields: LogFields = {}) => void this.lines.push({ level: 'warn', message, fields });
  error = (message: string, fields: LogFields = {}) => void this.lines.push({ level: 'error', message, fields });

  withMessage(text: string): { level: string; message: string; fields: LogFields }[] {
    return this.lines.filter((line) => line.message.includes(text));
  }
}

export const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Every stream's count as the read model holds it. */
export const countsIn = async (reader: ReadStoreReader, projection: string, streamIds: Iterable<string>): Promise<Map<string, number>> => {
  const ids = [...streamIds];
  const docs = await reader.getDocs<StreamCount>(projection, ids);
  return new Map(ids.map((id, i) => [id, docs[i]?.count ?? 0]));
};
