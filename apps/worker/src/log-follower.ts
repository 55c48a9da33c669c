import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENT_STORE, parsePosition, serializePosition, type EventStore } from '#libs/event-store';
import { INITIAL_PROPAGATE_JOB_ID, JOB, followLog, jobOptions, lastRatedEvent, recomputePartyDedupeId, recomputePartyJobId, RAPPORT_JOBS_QUEUE, type LeaderboardReader } from '#libs/rankings';
import { CLOCK, type Clock } from '#libs/shared-kernel';
import { PartyPositions } from './party-positions';
import type { WorkerConfig } from './worker-config';
import { JOBS_REDIS, LEADERBOARD_STORE, WORKER_CONFIG } from './worker.tokens';

const LEASE_TTL_MS = 10_000;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Follows the log from its checkpoint in Redis and enqueues a `recompute-party` for every party an event
 * concerns: one job id per (party, event), deduplicated per party (one waiting, one running, the rest
 * dropped: the waiting one reads the party's latest position when it runs). One worker instance follows
 * at a time (a lease); the others stand by. On a first start the leaderboards do not exist yet: it
 * enqueues one `propagate-trust`, which waits for the read models to hold what was recorded before, and
 * follows from the head.
 */
@Injectable()
export class LogFollower implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LogFollower');
  private readonly owner = randomUUID();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectQueue(RAPPORT_JOBS_QUEUE) private readonly queue: Queue,
    @Inject(JOBS_REDIS) private readonly redis: Redis,
    @Inject(PartyPositions) private readonly positions: PartyPositions,
    @Inject(LEADERBOARD_STORE) private readonly leaderboards: LeaderboardReader,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get leaseKey(): string {
    return `${this.config.connection.prefix}:follower:lease`;
  }

  private get checkpointKey(): string {
    return `${this.config.connection.prefix}:follower:checkpoint`;
  }

  onApplicationBootstrap(): void {
    if (this.config.followLog) this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      const held = await this.redis.set(this.leaseKey, this.owner, 'PX', LEASE_TTL_MS, 'NX').catch(() => null);
      if (held !== 'OK') {
        await sleep(LEASE_TTL_MS / 3, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        continue;
      }
      const lost = new AbortController();
      const stop = () => lost.abort();
      this.stopping.signal.addEventListener('abort', stop);
      const renewal = setInterval(() => {
        this.redis.eval(RENEW, 1, this.leaseKey, this.owner, LEASE_TTL_MS).then((renewed) => renewed === 0 && lost.abort(), stop);
      }, LEASE_TTL_MS / 3);
      try {
        await this.follow(lost.signal);
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.error(`following the log failed; resuming from the checkpoint: ${String(error)}`);
        await sleep(Math.min(10_000, 100 * 2 ** failures), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      } finally {
        clearInterval(renewal);
        this.stopping.signal.removeEventListener('abort', stop);
        await this.redis.eval(RELEASE, 1, this.leaseKey, this.owner).catch(() => undefined);
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const stored = await this.redis.get(this.checkpointKey);
    let from = stored === null ? null : parsePosition(stored);
    if (from === null) {
      from = await this.store.headPosition();
      if (from !== null) await this.redis.set(this.checkpointKey, serializePosition(from));
      if ((await this.leaderboards.lastRuns())[JOB.propagateTrust] === undefined) {
        // It runs on what the read models hold: once they have what was recorded before this start (a
        // projector started alongside may still be replaying), retried as patiently as a recompute-party.
        const recorded = await lastRatedEvent(this.store);
        const payload = { v: 1, asOf: this.clock.now(), ...(recorded && { after: recorded }) };
        await this.queue.add(JOB.propagateTrust, payload, { ...jobOptions(this.config.recomputeRetry), jobId: INITIAL_PROPAGATE_JOB_ID });
      }
    }
    await followLog({
      store: this.store,
      from: from ?? 'start',
      signal,
      onTouched: async (touched, reached) => {
        await this.enqueue(touched);
        await this.redis.set(this.checkpointKey, reached);
      },
    });
  }

  private async enqueue(touched: ReadonlyMap<string, string>): Promise<void> {
    if (touched.size === 0) return;
    await this.positions.record(touched);
    const options = jobOptions(this.config.recomputeRetry);
    await this.queue.addBulk(
      [...touched].map(([partyId, position]) => ({
        name: JOB.recomputeParty,
        data: { v: 1, partyId, position },
        opts: {
          ...options,
          jobId: recomputePartyJobId(partyId, position),
          delay: this.config.debounceMs,
          deduplication: { id: recomputePartyDedupeId(partyId), keepLastIfActive: true },
        },
      })),
    );
  }
}
