// Typed as @nestjs/apollo (an ES module) sees Apollo, or the two copies of its declarations do not match.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import type { ApiContext } from '../context/api-context';
import type { QueryLimits } from './query-limits';

/** Refuses an operation over the depth or complexity limit before it executes (HTTP 400). */
export const queryLimitsPlugin = (limits: QueryLimits): ApolloServerPlugin<ApiContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, request, operationName, contextValue }) {
        if (contextValue.principal === null) return;
        const error = limits.check(schema, document, request.variables, operationName ?? undefined);
        if (error) throw error;
      },
    };
  },
});
