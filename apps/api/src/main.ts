import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApiApp } from './api-app';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await createApiApp(AppModule);
  app.enableShutdownHooks();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(port, host);
  new Logger('Rapport').log(`API listening on http://localhost:${port}/graphql (health: http://localhost:${port}/health)`);
}

void bootstrap();
