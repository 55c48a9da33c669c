import { Module } from '@nestjs/common';
import { EventStoreModule } from '#libs/event-store';
import { HealthController } from './health/health.controller';
import { ReadModelsModule } from './read-models/read-models.module';

@Module({
  imports: [EventStoreModule, ReadModelsModule],
  controllers: [HealthController],
})
export class AppModule {}
