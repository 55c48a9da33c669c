import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { RAPPORT_JOBS_QUEUE, SCHEDULED_JOBS, jobOptions } from '#libs/rankings';
import type { WorkerConfig } from './worker-config';
import { WORKER_CONFIG } from './worker.tokens';

/** Registers (or updates, or removes when `off`) one BullMQ job scheduler per scheduled job, with its cron. */
@Injectable()
export class JobSchedulers implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobSchedulers');

  constructor(
    @InjectQueue(RAPPORT_JOBS_QUEUE) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { schedules, timezone, retry } = this.config;
    for (const name of SCHEDULED_JOBS) {
      const pattern = schedules[name];
      if (pattern === null) {
        await this.queue.removeJobScheduler(name);
        continue;
      }
      await this.queue.upsertJobScheduler(name, { pattern, tz: timezone }, { name, data: { v: 1 }, opts: jobOptions(retry) });
    }
    this.logger.log(`schedules: ${SCHEDULED_JOBS.map((name) => `${name} ${schedules[name] ?? 'off'}`).join(', ')} (${timezone})`);
  }
}
