/** Thrown at start when a limit in the environment is not a whole number. */
export class ApiLimitsConfigError extends Error {
  override readonly name = 'ApiLimitsConfigError';
}

export interface ApiLimits {
  /** Deepest selection nesting an operation may have (introspection fields aside). */
  readonly maxDepth: number;
  /** Highest estimated cost of an operation: one per field, times `first` under a connection. */
  readonly maxComplexity: number;
  /** Operations per token (per client address without one) and window; 0 turns rate limiting off. */
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
  /** Longest a mutation with `waitForProjection` waits for the read models before answering `projected: false`. */
  readonly projectionWaitMs: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = { maxDepth: 10, maxComplexity: 5000, rateLimitMax: 600, rateLimitWindowMs: 60_000, projectionWaitMs: 5000 };

const wholeNumber = (env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number): number => {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new ApiLimitsConfigError(`${name} must be a whole number of at least ${min}; got ${JSON.stringify(text)}`);
  return value;
};

/** GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_COMPLEXITY, RATE_LIMIT_MAX (0: off), RATE_LIMIT_WINDOW_MS, PROJECTION_WAIT_TIMEOUT_MS. */
export const apiLimitsFromEnv = (env: Readonly<Record<string, string | undefined>>): ApiLimits => ({
  maxDepth: wholeNumber(env, 'GRAPHQL_MAX_DEPTH', DEFAULT_API_LIMITS.maxDepth, 1),
  maxComplexity: wholeNumber(env, 'GRAPHQL_MAX_COMPLEXITY', DEFAULT_API_LIMITS.maxComplexity, 1),
  rateLimitMax: wholeNumber(env, 'RATE_LIMIT_MAX', DEFAULT_API_LIMITS.rateLimitMax, 0),
  rateLimitWindowMs: wholeNumber(env, 'RATE_LIMIT_WINDOW_MS', DEFAULT_API_LIMITS.rateLimitWindowMs, 1),
  projectionWaitMs: wholeNumber(env, 'PROJECTION_WAIT_TIMEOUT_MS', DEFAULT_API_LIMITS.projectionWaitMs, 0),
});
