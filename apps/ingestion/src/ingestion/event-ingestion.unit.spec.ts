import type { Principal } from '#libs/access';
import type { Recorded } from '#libs/shared-kernel';
import { Event } from '../generated/rapport/ingestion/v1/ingestion';
import { EventIngestion } from './event-ingestion';
import type { IngestionRecorder, StreamBatchOutcome } from './ingestion-recorder.port';

const principal: Extract<Principal, { kind: 'partner' }> = { kind: 'partner', credentialId: 'c', partnerId: 'books_co', parties: ['acme'], eventTypes: 'all' };
const ctx = { partnerId: 'books_co', now: '2026-06-01T00:00:00Z', correlationId: 'c' };

const invoice = (externalId: string, clientId = 'globex') =>
  Event.fromPartial({
    externalId,
    supplierId: 'acme',
    clientId,
    onBehalfOf: 'acme',
    kind: { $case: 'invoicePaid', value: { invoiceId: externalId, amount: 1, currency: 'EUR', dueAt: '2026-01-01T00:00:00Z', paidAt: '2026-01-01T00:00:00Z' } },
  });

const recorded = (count: number): Recorded[] => Array.from({ length: count }, (_, k) => ({ streamId: 's', eventIds: [`id${k}`], revision: k, position: '1/1', replayed: false }));

/** Logs when each batch starts and ends; a batch holding `slow` takes a while. */
class LoggingRecorder implements IngestionRecorder {
  readonly log: string[] = [];

  async record(_p: unknown, items: readonly { externalId: string }[]): Promise<StreamBatchOutcome> {
    const ids = items.map((i) => i.externalId).join(',');
    this.log.push(`start ${ids}`);
    await new Promise((resolve) => setTimeout(resolve, ids.includes('slow') ? 30 : 1));
    this.log.push(`end ${ids}`);
    return { ok: true, recorded: recorded(items.length) };
  }
}

describe('ingestion of calls in flight together', () => {
  it('records a relationship’s batches in the order the calls came in', async () => {
    const recorder = new LoggingRecorder();
    const ingestion = new EventIngestion(recorder);

    await Promise.all([ingestion.recordEach(principal, [invoice('slow')], ctx), ingestion.recordEach(principal, [invoice('next')], ctx)]);

    expect(recorder.log).toEqual(['start slow', 'end slow', 'start next', 'end next']);
  });

  it('records other relationships meanwhile', async () => {
    const recorder = new LoggingRecorder();
    const ingestion = new EventIngestion(recorder);

    await Promise.all([ingestion.recordEach(principal, [invoice('slow')], ctx), ingestion.recordEach(principal, [invoice('other', 'initech')], ctx)]);

    expect(recorder.log.indexOf('end other')).toBeLessThan(recorder.log.indexOf('end slow'));
  });

  it('goes on with a relationship after a batch that failed', async () => {
    const recorder = new LoggingRecorder();
    const failing: IngestionRecorder = { record: () => Promise.reject(new Error('store down')) };
    const ingestion = new EventIngestion({ record: (p, items, c) => (items[0].externalId === 'fails' ? failing.record(p, items, c) : recorder.record(p, items)) });

    const [first, second] = await Promise.allSettled([ingestion.recordEach(principal, [invoice('fails')], ctx), ingestion.recordEach(principal, [invoice('after')], ctx)]);

    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
  });
});
