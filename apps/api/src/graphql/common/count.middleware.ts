import type { FieldMiddleware } from '@nestjs/graphql';

/** A page's `totalCount` is a function, so that the read behind it happens only when a client asks. */
export const callCount: FieldMiddleware = async (_ctx, next) => {
  const count: unknown = await next();
  return typeof count === 'function' ? (count as () => Promise<number>)() : count;
};
