import { Module } from '@nestjs/common';
import { type ApiLimits, apiLimitsFromEnv } from './api-limits.config';

export const API_LIMITS = Symbol('API_LIMITS');

/** The limits from the environment, read once: GraphQL (depth, complexity) and HTTP (rate limiting) share them. */
@Module({
  providers: [{ provide: API_LIMITS, useFactory: (): ApiLimits => apiLimitsFromEnv(process.env) }],
  exports: [API_LIMITS],
})
export class ApiLimitsModule {}
