import type { Lease, ReadStoreWriter } from '../read-store/read-store.port';
import type { ProjectorLogger } from './projector-logger';

/**
 * Renews a held lease every third of its time to live. When the store says the lease is gone, or no
 * renewal has succeeded for a whole time to live (the store is unreachable, so another instance may
 * hold it by now), it calls `onLost` once. Writes are fenced by the store either way: this only
 * makes a deposed instance stop working sooner.
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  private lastRenewedAt = Date.now();
  private lost = false;

  constructor(
    private readonly store: ReadStoreWriter,
    private readonly lease: Lease,
    private readonly ttlMs: number,
    private readonly logger: ProjectorLogger,
    private readonly onLost: () => void,
  ) {}

  get isLost(): boolean {
    return this.lost;
  }

  start(): this {
    this.schedule();
    return this;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.renew(), Math.max(10, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const startedAt = Date.now();
    try {
      if (await this.store.renewLease(this.lease, this.ttlMs)) this.lastRenewedAt = startedAt;
      else return this.lose('the lease is held by another instance or expired');
    } catch (error) {
      this.logger.warn('lease renewal failed', { projection: this.lease.projection, error });
      if (Date.now() - this.lastRenewedAt >= this.ttlMs) return this.lose('no renewal succeeded within the lease time to live');
    }
    if (this.timer) this.schedule();
  }

  private lose(reason: string): void {
    if (this.lost) return;
    this.lost = true;
    this.stop();
    this.logger.warn('lease lost', { projection: this.lease.projection, owner: this.lease.owner, token: this.lease.token, reason });
    this.onLost();
  }
}
