import { apiLimitsFromEnv, DEFAULT_API_LIMITS } from './api-limits.config';

describe('the API limits from the environment', () => {
  it('defaults to depth 10, complexity 5000, 600 requests a minute per token and a 5 s wait for the read models', () => {
    expect(apiLimitsFromEnv({})).toEqual(DEFAULT_API_LIMITS);
    expect(DEFAULT_API_LIMITS).toEqual({ maxDepth: 10, maxComplexity: 5000, rateLimitMax: 600, rateLimitWindowMs: 60_000, projectionWaitMs: 5000 });
  });

  it('reads each limit, and RATE_LIMIT_MAX=0 turns rate limiting off', () => {
    expect(
      apiLimitsFromEnv({ GRAPHQL_MAX_DEPTH: '12', GRAPHQL_MAX_COMPLEXITY: ' 800 ', RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW_MS: '1000', PROJECTION_WAIT_TIMEOUT_MS: '250' }),
    ).toEqual({
      maxDepth: 12,
      maxComplexity: 800,
      rateLimitMax: 0,
      rateLimitWindowMs: 1000,
      projectionWaitMs: 250,
    });
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', 'ten'],
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['GRAPHQL_MAX_COMPLEXITY', '1.5'],
    ['RATE_LIMIT_MAX', '-1'],
    ['PROJECTION_WAIT_TIMEOUT_MS', 'soon'],
  ])('refuses %s=%s at start', (name, value) => {
    expect(() => apiLimitsFromEnv({ [name]: value })).toThrow(name);
  });
});
