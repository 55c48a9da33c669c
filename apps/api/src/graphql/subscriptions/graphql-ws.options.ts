import type { GraphQLSchemaHost, GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { type ExecutionResult, GraphQLError, type GraphQLFormattedError, parse, validate } from 'graphql';
import type { CredentialVerifier, Principal } from '#libs/access';
import { authenticate } from '../context/api-context';
import { presentedCredential } from '../context/bearer-token';
import type { QueryLimits } from '../limits/query-limits';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** What graphql-ws hands each hook; `extra.principal` is set once the connection authenticated. */
interface WsConnection {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra: { principal?: Principal };
}

interface WsPayload {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

const formatAll = (errors: readonly GraphQLError[], formatError: FormatError): GraphQLFormattedError[] => errors.map((error) => formatError(error.toJSON(), error));

/**
 * graphql-ws on the same path as HTTP (`/graphql`). The connection authenticates once, with
 * `connectionParams.authorization` (`Bearer <token>`); without a valid one it is closed with 4403.
 * Each operation is parsed, validated and held to the same depth and complexity limits as over HTTP,
 * and its errors go through the same `formatError`.
 */
export const graphqlWsOptions = (
  verifier: CredentialVerifier,
  schemaHost: GraphQLSchemaHost,
  limits: QueryLimits,
  formatError: FormatError,
): GraphQLWsSubscriptionsConfig => {
  const hooks = {
    onConnect: async (ctx: WsConnection): Promise<boolean> => {
      const { principal } = await authenticate(verifier, presentedCredential(ctx.connectionParams?.authorization));
      if (principal === null) return false;
      ctx.extra.principal = principal;
      return true;
    },
    onSubscribe: (_ctx: WsConnection, _id: string, payload: WsPayload) => {
      const { schema } = schemaHost;
      let document;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('The operation does not parse')];
      }
      const invalid = validate(schema, document);
      if (invalid.length > 0) return invalid;
      const overLimit = limits.check(schema, document, payload.variables ?? undefined, payload.operationName ?? undefined);
      if (overLimit) return [overLimit];
      return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
    },
    onNext: (_ctx: WsConnection, _id: string, _payload: WsPayload, _args: unknown, result: ExecutionResult) =>
      result.errors ? { ...result, errors: formatAll(result.errors, formatError) } : result,
    onError: (_ctx: WsConnection, _id: string, _payload: WsPayload, errors: readonly GraphQLError[]) => formatAll(errors, formatError),
  };
  // Nest's config type lists only some of graphql-ws's hooks; the rest (onError) are passed through as they are.
  return hooks as unknown as GraphQLWsSubscriptionsConfig;
};
