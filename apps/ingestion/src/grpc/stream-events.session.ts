import { randomUUID } from 'node:crypto';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { CredentialVerifier } from '#libs/access';
import { isRapportError } from '#libs/shared-kernel';
import { Event, type EventResult, type StreamEventsRequest, type StreamEventsResponse } from '../generated/rapport/ingestion/v1/ingestion';
import type { EventIngestion } from '../ingestion/event-ingestion';
import type { PartnerPrincipal } from '../ingestion/partner-scope';
import { authenticate } from './authenticate';
import { toServiceError } from './grpc-status';

export interface StreamLimits {
  /** Events read but not yet answered; reading pauses when this many are outstanding. */
  readonly window: number;
  /** Most events recorded in one go (one batch per relationship among them). */
  readonly maxBatch: number;
  /**
   * Batches recorded at once: the next ones are decided while earlier ones append. Their acks still go out in
   * order, and a relationship's events are decided in order (see `StreamLanes`).
   */
  readonly pipelined: number;
  /** The key is verified again after this many events… */
  readonly reverifyEveryEvents: number;
  /** …or this long since the last check, whichever comes first, and by a timer while the stream is idle. */
  readonly reverifyEveryMs: number;
}

/** Four batches of 250 in flight measured about 1.6× the throughput of two of 500 (bench/ingest.bench.ts). */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { window: 1000, maxBatch: 250, pipelined: 4, reverifyEveryEvents: 1000, reverifyEveryMs: 5000 };

interface Received {
  readonly event: Event;
  readonly sequence: number;
}

type Call = ServerDuplexStream<StreamEventsRequest, StreamEventsResponse>;

/**
 * One StreamEvents call. Events are queued as they arrive and recorded in order by a single loop that takes
 * whatever has queued up since its last turn (so a fast partner gets batches, a slow one single events), with
 * up to `pipelined` batches in flight, and answers each event in order.
 *
 * Flow control: once `window` events are unanswered the call is paused, so grpc-js stops reading and HTTP/2
 * flow control pushes back on the client; it resumes when half the window is answered. On the write side, a
 * batch's acks (at most `maxBatch`) are written at once and the loop waits for them to drain before recording
 * more, so a client that does not read its acks stops the loop too.
 *
 * Revocation: the key is verified again every `reverifyEveryEvents` events or `reverifyEveryMs`, whichever
 * comes first, before a batch is started (and by a timer while the stream is idle); a revoked key ends the
 * stream with UNAUTHENTICATED. So after a revoke at most `reverifyEveryEvents` events, plus the batches
 * already in flight (`pipelined` of at most `maxBatch`), are recorded, within `reverifyEveryMs`.
 */
export class StreamEventsSession {
  private readonly queue: Received[] = [];
  private received = 0;
  private unanswered = 0;
  private paused = false;
  private running = false;
  private halfClosed = false;
  private closed = false;
  private verifiedAt = Date.now();
  private eventsSinceVerified = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly correlationId: string;

  constructor(
    private readonly call: Call,
    private principal: PartnerPrincipal,
    private readonly apiKey: string,
    private readonly verifier: CredentialVerifier,
    private readonly ingestion: EventIngestion,
    private readonly limits: StreamLimits,
    private readonly onInternalError: (error: unknown) => void,
  ) {
    this.correlationId = randomUUID();
    this.timer = setInterval(() => void this.reverifyWhileIdle(), limits.reverifyEveryMs);
    this.timer.unref();
    call.on('data', (request: StreamEventsRequest) => this.receive(request));
    call.on('end', () => {
      this.halfClosed = true;
      this.kick();
    });
    call.on('cancelled', () => this.close());
    call.on('error', () => this.close());
  }

  private receive(request: StreamEventsRequest): void {
    if (this.closed) return;
    this.queue.push({ event: request.event ?? Event.create(), sequence: this.received++ });
    this.unanswered += 1;
    if (!this.paused && this.unanswered >= this.limits.window) {
      this.paused = true;
      this.call.pause();
    }
    this.kick();
  }

  private kick(): void {
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    const inFlight: { readonly batch: Received[]; readonly results: Promise<EventResult[]> }[] = [];
    try {
      for (;;) {
        while (!this.closed && this.queue.length > 0 && inFlight.length < this.limits.pipelined) {
          if (this.reverifyDue() && !(await this.reverify())) return;
          const batch = this.queue.splice(0, this.limits.maxBatch);
          const ctx = { partnerId: this.principal.partnerId, now: new Date().toISOString(), correlationId: this.correlationId };
          const results = this.ingestion.recordEach(this.principal, batch.map((r) => r.event), ctx);
          results.catch(() => undefined);
          inFlight.push({ batch, results });
          this.eventsSinceVerified += batch.length;
        }
        const head = inFlight.shift();
        if (!head || this.closed) break;
        const results = await head.results;
        if (this.closed) return;
        let flowing = true;
        for (const [k, result] of results.entries()) flowing = this.call.write({ sequence: head.batch[k].sequence, result });
        if (!flowing) await this.writable();
        this.answered(head.batch.length);
      }
      if (this.halfClosed && !this.closed && this.queue.length === 0) this.finish();
    } catch (error) {
      this.fail(error);
    } finally {
      this.running = false;
    }
  }

  private answered(count: number): void {
    this.unanswered -= count;
    if (this.paused && this.unanswered <= this.limits.window / 2) {
      this.paused = false;
      this.call.resume();
    }
  }

  private writable(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.call.off('drain', done);
        this.call.off('close', done);
        resolve();
      };
      this.call.on('drain', done);
      this.call.on('close', done);
    });
  }

  private reverifyDue(): boolean {
    return this.eventsSinceVerified >= this.limits.reverifyEveryEvents || Date.now() - this.verifiedAt >= this.limits.reverifyEveryMs;
  }

  /** False, with the stream ended, when the key no longer checks out. The new principal's scope applies from now. */
  private async reverify(): Promise<boolean> {
    try {
      this.principal = await authenticate(this.verifier, this.apiKey);
      this.verifiedAt = Date.now();
      this.eventsSinceVerified = 0;
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private async reverifyWhileIdle(): Promise<void> {
    if (this.running || this.closed || Date.now() - this.verifiedAt < this.limits.reverifyEveryMs) return;
    this.running = true;
    try {
      await this.reverify();
    } finally {
      this.running = false;
    }
    if (!this.closed && (this.queue.length > 0 || this.halfClosed)) this.kick();
  }

  private finish(): void {
    this.close();
    this.call.end();
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.close();
    if (!isRapportError(error)) this.onInternalError(error);
    this.call.emit('error', toServiceError(error));
  }

  private close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.queue.length = 0;
  }
}
