import { HeaderMap } from '@apollo/server';
// Typed as @nestjs/apollo (an ES module) sees Apollo, or the two copies of its declarations do not match.
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server' with { 'resolution-mode': 'import' };
import { GraphQLError } from 'graphql';
import type { ApiContext, AuthenticationFailure } from './api-context';

const MESSAGES: Record<AuthenticationFailure, { message: string; domainCode: string }> = {
  missing: { message: 'Authentication required: send Authorization: Bearer <token>', domainCode: 'AUTH.CREDENTIAL_MISSING' },
  invalid: { message: 'The bearer token is unknown, malformed or revoked', domainCode: 'AUTH.CREDENTIAL_INVALID' },
};

export const unauthenticatedError = (failure: AuthenticationFailure): GraphQLError => {
  const { message, domainCode } = MESSAGES[failure];
  const headers = new HeaderMap([['www-authenticate', 'Bearer realm="rapport"']]);
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', domainCode, http: { status: 401, headers } } });
};

const listener: GraphQLRequestListener<ApiContext> = {
  async didResolveOperation({ contextValue }) {
    if (contextValue.principal === null) throw unauthenticatedError(contextValue.failure ?? 'missing');
  },
};

/**
 * Every operation needs a principal, introspection included: it is refused with UNAUTHENTICATED (HTTP
 * 401) once parsed and validated, before anything executes.
 */
export const authenticationPlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return listener;
  },
};
