import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const parse = (value: unknown): string => {
  if (typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw new GraphQLError(`An Instant is an ISO-8601 UTC string such as 2026-01-31T12:00:00Z; got ${JSON.stringify(value)}`);
};

/** Rapport's instants are ISO-8601 UTC strings end to end (events, read models, the wire): no Date round trip. */
export const InstantScalar = new GraphQLScalarType<string, string>({
  name: 'Instant',
  description: 'An ISO-8601 instant in UTC, such as 2026-01-31T12:00:00Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parse(value)),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : null),
});
