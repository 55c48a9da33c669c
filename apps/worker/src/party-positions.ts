import type { Redis } from 'ioredis';
import { comparePositions, parsePosition } from '#libs/event-store';

/**
 * The position of the latest event each party was enqueued for. BullMQ keeps one waiting `recompute-party`
 * per party and drops later adds while it waits, so the job reads here the latest event it stands for and
 * waits for the read model to pass that one, not only the event that first enqueued it.
 */
export class PartyPositions {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:party-positions`;
  }

  async record(touched: ReadonlyMap<string, string>): Promise<void> {
    if (touched.size > 0) await this.redis.hset(this.key, Object.fromEntries(touched));
  }

  /** The later of the job's own position and the latest recorded for the party. */
  async latest(partyId: string, position: string | null): Promise<string | null> {
    const stored = await this.redis.hget(this.key, partyId);
    if (stored === null) return position;
    if (position === null) return stored;
    return comparePositions(parsePosition(stored), parsePosition(position)) > 0 ? stored : position;
  }
}
