import { Module } from '@nestjs/common';
import { ApiModule } from './api.module';
import { CredentialsModule } from './auth/credentials.module';

@Module({
  imports: [ApiModule, CredentialsModule],
})
export class AppModule {}
