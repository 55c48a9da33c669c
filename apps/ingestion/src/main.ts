import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IngestionAppModule } from './ingestion-app.module';
import { startIngestionServer } from './ingestion-server.host';
import { ingestionServerOptionsFromEnv } from './ingestion-config';

async function bootstrap(): Promise<void> {
  const options = ingestionServerOptionsFromEnv(process.env);
  const app = await NestFactory.createApplicationContext(IngestionAppModule);
  app.enableShutdownHooks();
  const { port } = await startIngestionServer(app, options);
  new Logger('Rapport').log(`gRPC ingestion listening on ${options.host}:${port} (${options.tls ? 'TLS' : 'plaintext'}; health and reflection on)`);
}

void bootstrap();
