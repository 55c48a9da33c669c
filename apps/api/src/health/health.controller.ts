import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { EVENT_STORE, EVENT_STORE_CONFIG, serializePosition, type EventStore, type EventStoreConfig } from '#libs/event-store';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_STORE_CONFIG) private readonly config: EventStoreConfig,
  ) {}

  /** Ready when the event store answers; 503 otherwise, so a load balancer stops sending traffic. */
  @Get()
  async check(): Promise<{ status: 'ok'; eventStore: { adapter: string; head: string | null } }> {
    try {
      const head = await this.store.headPosition();
      return { status: 'ok', eventStore: { adapter: this.config.adapter, head: head && serializePosition(head) } };
    } catch (error) {
      throw new ServiceUnavailableException({ status: 'unavailable', eventStore: { adapter: this.config.adapter, error: String(error) } });
    }
  }
}
