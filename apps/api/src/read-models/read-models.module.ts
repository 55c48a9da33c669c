import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import type { ReadStoreReader } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { readModelsConfigFromEnv, type ReadModelsConfig } from './read-models.config';
import { openReadModels, type ReadModels } from './read-models';

export const READ_MODELS_CONFIG = Symbol('READ_MODELS_CONFIG');
export const READ_MODELS = Symbol('READ_MODELS');
/** The `ReadStoreReader` the query side (GraphQL resolvers) reads documents, rankings and timelines from. */
export const READ_STORE = Symbol('READ_STORE');

/**
 * Opens the read models chosen by READ_MODELS (see `readModelsConfigFromEnv`). In memory mode the app
 * starts only once the log has been replayed. The projector stops in `onModuleDestroy`, which Nest runs
 * before any `onApplicationShutdown`, so it is done before the event store closes.
 */
@Global()
@Module({
  providers: [
    { provide: READ_MODELS_CONFIG, useFactory: (): ReadModelsConfig => readModelsConfigFromEnv(process.env) },
    {
      provide: READ_MODELS,
      inject: [READ_MODELS_CONFIG, EVENT_STORE],
      useFactory: (config: ReadModelsConfig, store: EventStore) => openReadModels(config, store, reputationProjections),
    },
    { provide: READ_STORE, inject: [READ_MODELS], useFactory: (readModels: ReadModels): ReadStoreReader => readModels.reader },
  ],
  exports: [READ_MODELS, READ_STORE],
})
export class ReadModelsModule implements OnModuleDestroy {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async onModuleDestroy(): Promise<void> {
    await this.readModels.close();
  }
}
