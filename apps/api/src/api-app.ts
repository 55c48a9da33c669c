import type { DynamicModule, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_LIMITS } from './graphql/limits/api-limits.module';
import type { ApiLimits } from './graphql/limits/api-limits.config';
import { registerRateLimit } from './http/rate-limit';

/**
 * Creates the API on Fastify with what must be in place before its routes are: rate limiting. `main`
 * and the end-to-end tests start it the same way; tests pass their own root module (a test verifier).
 */
export const createApiApp = async (rootModule: Type | DynamicModule, options: NestApplicationOptions = {}): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, new FastifyAdapter(), options);
  await registerRateLimit(app, app.get<ApiLimits>(API_LIMITS));
  return app;
};
