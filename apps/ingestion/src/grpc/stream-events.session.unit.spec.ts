import { EventEmitter } from 'node:events';
import type { CredentialVerifier, Principal } from '#libs/access';
import type { Recorded } from '#libs/shared-kernel';
import { Event, type StreamEventsResponse } from '../generated/rapport/ingestion/v1/ingestion';
import { EventIngestion } from '../ingestion/event-ingestion';
import type { IngestionRecorder, StreamBatchOutcome } from '../ingestion/ingestion-recorder.port';
import { StreamEventsSession } from './stream-events.session';

const principal: Extract<Principal, { kind: 'partner' }> = { kind: 'partner', credentialId: 'c', partnerId: 'books_co', parties: ['acme'], eventTypes: 'all' };
const verifier: CredentialVerifier = { verify: async () => principal };

const event = (i: number) =>
  Event.fromPartial({
    externalId: `e${i}`,
    supplierId: 'acme',
    clientId: 'globex',
    onBehalfOf: 'acme',
    kind: { $case: 'invoicePaid', value: { invoiceId: `i${i}`, amount: 1, currency: 'EUR', dueAt: '2026-01-01T00:00:00Z', paidAt: '2026-01-01T00:00:00Z' } },
  });

/** A recorder that answers each batch only when the test releases it. */
class HeldRecorder implements IngestionRecorder {
  readonly held: { size: number; release: () => void }[] = [];

  record(_p: unknown, items: readonly { externalId: string }[]): Promise<StreamBatchOutcome> {
    const recorded: Recorded[] = items.map((_, k) => ({ streamId: 's', eventIds: [`id${k}`], revision: k, position: '1/1', replayed: false }));
    return new Promise((resolve) => this.held.push({ size: items.length, release: () => resolve({ ok: true, recorded }) }));
  }
}

/** The call as the session sees it: a duplex that honours pause() the way grpc-js does (no more reads). */
class FakeCall extends EventEmitter {
  paused = false;
  writable = true;
  readonly written: StreamEventsResponse[] = [];
  sent = 0;
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  write(ack: StreamEventsResponse): boolean {
    this.written.push(ack);
    return this.writable;
  }
  end() {
    this.emit('finished');
  }
  /** The client offers `count` events; only those the server reads arrive. */
  offer(count: number) {
    for (let i = 0; i < count && !this.paused; i++) this.emit('data', { event: event(this.sent++) });
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamEvents flow control', () => {
  const limits = { window: 8, maxBatch: 8, pipelined: 1, reverifyEveryEvents: 1000, reverifyEveryMs: 60_000 };
  const open = () => {
    const call = new FakeCall();
    const recorder = new HeldRecorder();
    new StreamEventsSession(call as never, principal, 'key', verifier, new EventIngestion(recorder), limits, () => undefined);
    return { call, recorder };
  };

  it('stops reading once a window of events is unanswered', async () => {
    const { call } = open();

    call.offer(100);
    await settle();

    expect(call.sent).toBe(8);
    expect(call.paused).toBe(true);
  });

  it('reads again once half the window is answered, and answers in order', async () => {
    const { call, recorder } = open();
    call.offer(100);
    await settle();

    recorder.held[0].release();
    await settle();
    expect(call.paused).toBe(true);
    expect(recorder.held[1].size).toBe(7);
    recorder.held[1].release();
    await settle();
    expect(call.paused).toBe(false);

    call.offer(100);
    await settle();
    expect(call.sent).toBe(16);
    for (let k = 2; recorder.held[k]; k++) {
      recorder.held[k].release();
      await settle();
    }
    expect(call.written.map((a) => a.sequence)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('waits for the client to drain its acks before recording more', async () => {
    const { call, recorder } = open();
    call.writable = false;
    call.offer(1);
    await settle();
    recorder.held[0].release();
    await settle();
    call.offer(1);
    await settle();
    expect(recorder.held).toHaveLength(1);

    call.emit('drain');
    await settle();

    expect(recorder.held).toHaveLength(2);
  });
});
