import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStoreModule } from '#libs/event-store';
import { workerConfigFromEnv } from './worker-config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = workerConfigFromEnv(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { eventStore: EventStoreModule }));
  app.enableShutdownHooks();
  new Logger('Rapport').log(`worker running: queue rapport-jobs under ${config.connection.prefix} on ${new URL(config.connection.redisUrl).host}, concurrency ${config.concurrency}`);
}

bootstrap().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), name: 'worker', msg: 'worker failed to start', error: String(error) }));
  process.exit(1);
});
