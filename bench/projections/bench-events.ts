import { randomUUID } from 'node:crypto';
import type { EventData, EventStore } from '#libs/event-store';

const SUPPLIERS = 2_000;
const CLIENTS = 8_000;
const RELATIONSHIPS = 20_000;

/** Relationship streams between a fixed population of parties, the same on every run. */
const relationship = (n: number) => {
  const supplierId = `s${(n * 7919) % SUPPLIERS}`;
  const clientId = `c${(n * 104_729) % CLIENTS}`;
  return { streamId: `relationship-${supplierId}-${clientId}`, supplierId, clientId };
};

const TYPES = ['InvoicePaid', 'InvoicePaid', 'InvoicePaid', 'InvoicePaid', 'DeliveryCompleted', 'DeliveryCompleted', 'ReferralGiven', 'DisputeRaised'];

/** Events shaped like the catalogue's, with the metadata every event carries. */
export const relationshipEvents = (n: number, count: number): { streamId: string; events: EventData[] } => {
  const { streamId, supplierId, clientId } = relationship(n % RELATIONSHIPS);
  const events = Array.from({ length: count }, (_, i): EventData => {
    const type = TYPES[(n + i) % TYPES.length];
    return {
      id: randomUUID(),
      type,
      data: { supplierId, clientId, invoiceId: `inv-${n}-${i}`, amount: 500 + ((n * 31 + i) % 5000), currency: 'EUR', dueAt: '2026-03-01T00:00:00.000Z', paidAt: '2026-02-27T10:15:00.000Z' },
      metadata: { recordedBy: supplierId, source: 'partner:invoicing', attested: true, correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1 },
    };
  });
  return { streamId, events };
};

/** Appends `total` events as appends of `perAppend`, from `writers` concurrent writers. */
export const fillLog = async (store: EventStore, total: number, perAppend: number, writers: number, onProgress: (appended: number) => void): Promise<void> => {
  let next = 0;
  let appended = 0;
  const writer = async () => {
    while (next * perAppend < total) {
      const n = next++;
      const { streamId, events } = relationshipEvents(n, Math.min(perAppend, total - n * perAppend));
      await store.appendToStream(streamId, events);
      appended += events.length;
      onProgress(appended);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
};
