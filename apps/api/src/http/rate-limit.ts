import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { presentedCredential } from '../graphql/context/bearer-token';
import type { ApiLimits } from '../graphql/limits/api-limits.config';

/** Requests are counted per token (hashed: no secret is kept in the limiter), or per client address without one. */
export const rateLimitKeyOf = (authorization: unknown, ip: string): string => {
  const presented = presentedCredential(authorization);
  return presented.kind === 'bearer' ? `token:${createHash('sha256').update(presented.token).digest('base64url')}` : `ip:${ip}`;
};

/**
 * Rate limiting of `/graphql`, before anything is parsed or verified: over the limit, HTTP 429 with
 * `Retry-After` and a GraphQL-shaped body (`errors[0].extensions.code` RATE_LIMITED), so that GraphQL
 * clients read it like any other error. Counters live in this process: behind several API instances
 * each counts on its own. Call before the app initialises, so the GraphQL route is covered.
 */
export const registerRateLimit = async (app: NestFastifyApplication, limits: ApiLimits): Promise<void> => {
  if (limits.rateLimitMax === 0) return;
  await app.register(rateLimit, {
    max: limits.rateLimitMax,
    timeWindow: limits.rateLimitWindowMs,
    allowList: (request) => !request.url.startsWith('/graphql'),
    keyGenerator: (request) => rateLimitKeyOf(request.headers.authorization, request.ip),
    // Thrown from Fastify's hook, it reaches Nest's exception filter, which sends an HttpException's body as it is.
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        {
          errors: [
            {
              message: `Rate limit exceeded: at most ${context.max} requests per ${limits.rateLimitWindowMs / 1000} s; retry in ${context.after}`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(context.ttl / 1000) },
            },
          ],
        },
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  });
};
