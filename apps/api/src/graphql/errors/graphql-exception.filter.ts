import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Hands what a resolver throws back to GraphQL as it is, for `formatGraphQLError` to map (and log, when
 * unexpected) in one place. Without it Nest logs every domain error — a NOT_FOUND, a bad cursor — as an
 * ERROR with its stack. HTTP routes (/health) keep Nest's own handling.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
