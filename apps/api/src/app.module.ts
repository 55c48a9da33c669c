import { Module } from '@nestjs/common';
import { ApiModule } from './api.module';
import { PendingCredentialsModule } from './auth/pending-credentials.module';

@Module({
  imports: [ApiModule, PendingCredentialsModule],
})
export class AppModule {}
