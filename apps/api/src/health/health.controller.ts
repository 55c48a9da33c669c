import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { EVENT_STORE, EVENT_STORE_CONFIG, serializePosition, type EventStore, type EventStoreConfig } from '#libs/event-store';
import type { ReadModelLag, ReadModels } from '../read-models/read-models';
import { READ_MODELS } from '../read-models/read-models.module';

export interface Health {
  readonly status: 'ok';
  readonly eventStore: { readonly adapter: string; readonly head: string | null };
  readonly readModels: { readonly mode: string; readonly projections: readonly ReadModelLag[] };
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_STORE_CONFIG) private readonly config: EventStoreConfig,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  /**
   * Ready when the event store and the read store answer; 503 otherwise, so a load balancer stops sending
   * traffic. Lag is reported, not judged: a read model catching up still answers.
   */
  @Get()
  async check(): Promise<Health> {
    const { adapter } = this.config;
    try {
      const [head, projections] = await Promise.all([this.store.headPosition(), this.readModels.lag()]);
      return { status: 'ok', eventStore: { adapter, head: head && serializePosition(head) }, readModels: { mode: this.readModels.mode, projections } };
    } catch (error) {
      throw new ServiceUnavailableException({ status: 'unavailable', eventStore: { adapter }, error: String(error) });
    }
  }
}
