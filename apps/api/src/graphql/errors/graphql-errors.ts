import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type ErrorKind, isRapportError, type RapportError } from '#libs/shared-kernel';

/** The one mapping of a domain error's kind to GraphQL's `extensions.code`. */
export const CODE_OF_KIND: Readonly<Record<ErrorKind, string>> = {
  validation: 'BAD_USER_INPUT',
  'not-found': 'NOT_FOUND',
  'illegal-state': 'FAILED_PRECONDITION',
  conflict: 'CONFLICT',
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  unavailable: 'SERVICE_UNAVAILABLE',
};

/**
 * Codes whose message is written for the client and safe to pass on: GraphQL's own (parse, validation,
 * variable coercion, bad request) and the ones this API raises itself (authentication, limits).
 */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
]);

export const INTERNAL_MESSAGE = 'Internal server error';

export interface ErrorLogger {
  error(message: string, error: unknown): void;
}

/** What was thrown, under GraphQL's wrappers (a resolver's error, a context or plugin failure). */
const thrownBehind = (error: unknown): unknown => {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
};

const domainError = (formatted: GraphQLFormattedError, error: RapportError): GraphQLFormattedError => {
  const issues = error.details.issues;
  return {
    message: error.message,
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
    extensions: { code: CODE_OF_KIND[error.kind], domainCode: error.code, ...(Array.isArray(issues) && { issues }) },
  };
};

/**
 * Apollo's `formatError`: a domain error gets its kind's code, its namespaced `domainCode` and, for
 * validation, the `issues` (path and message per field); GraphQL's and this API's own errors pass as
 * they are; anything else is logged and answered INTERNAL_SERVER_ERROR with a generic message, so no
 * internals (messages, stacks, SQL) reach the client.
 */
export const formatGraphQLError =
  (logger: ErrorLogger) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = thrownBehind(error);
    if (isRapportError(original)) return domainError(formatted, original);
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error(`Unexpected error${formatted.path ? ` at ${formatted.path.join('.')}` : ''}`, original);
    return {
      message: INTERNAL_MESSAGE,
      ...(formatted.locations && { locations: formatted.locations }),
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
