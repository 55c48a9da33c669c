import { GraphQLError } from 'graphql';
import { type ErrorKind, RapportError } from '#libs/shared-kernel';
import { formatGraphQLError, INTERNAL_MESSAGE } from './graphql-errors';

class SomeDomainError extends RapportError {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    details: Record<string, unknown> = {},
  ) {
    super(`${code} happened`, details);
  }
}

/** As graphql-js hands a resolver's error to formatError: located at its field, the thrown error inside. */
const fromResolver = (thrown: Error): GraphQLError => new GraphQLError(thrown.message, { path: ['party'], originalError: thrown });

describe('mapping errors to GraphQL', () => {
  const logged: unknown[] = [];
  const format = formatGraphQLError({ error: (_message, error) => logged.push(error) });

  beforeEach(() => logged.splice(0));

  it.each([
    ['validation', 'BAD_USER_INPUT'],
    ['not-found', 'NOT_FOUND'],
    ['illegal-state', 'FAILED_PRECONDITION'],
    ['conflict', 'CONFLICT'],
    ['unauthorized', 'UNAUTHENTICATED'],
    ['forbidden', 'FORBIDDEN'],
    ['unavailable', 'SERVICE_UNAVAILABLE'],
  ] as const)('gives a %s domain error the code %s and its namespaced domain code', (kind, code) => {
    const error = fromResolver(new SomeDomainError(kind, 'RELATIONSHIP.SOMETHING'));

    expect(format(error.toJSON(), error)).toEqual({
      message: 'RELATIONSHIP.SOMETHING happened',
      path: ['party'],
      extensions: { code, domainCode: 'RELATIONSHIP.SOMETHING' },
    });
    expect(logged).toEqual([]);
  });

  it('lists the issues of a validation error, and no other details', () => {
    const issues = [{ path: 'data.amount', message: 'must be positive' }];
    const error = fromResolver(new SomeDomainError('validation', 'RELATIONSHIP.INVALID', { issues, stream: 'relationship-a-b' }));

    expect(format(error.toJSON(), error).extensions).toEqual({ code: 'BAD_USER_INPUT', domainCode: 'RELATIONSHIP.INVALID', issues });
  });

  it('answers anything unexpected with a generic INTERNAL_SERVER_ERROR and logs the real error', () => {
    const thrown = new TypeError("Cannot read properties of undefined (reading 'asClient') at /srv/rapport/dist/…");
    const error = fromResolver(thrown);

    expect(format({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } }, error)).toEqual({
      message: INTERNAL_MESSAGE,
      path: ['party'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toEqual([thrown]);
  });

  it('passes GraphQL’s own client errors through, without stack or HTTP details', () => {
    const error = new GraphQLError('Cannot query field "password" on type "Party".');

    expect(format({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['…'], http: { status: 400 } } }, error)).toEqual({
      message: error.message,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('does not trust a code an unknown GraphQLError claims for itself', () => {
    const error = new GraphQLError('SELECT * FROM credentials failed', { extensions: { code: 'DATABASE_ERROR' } });

    expect(format(error.toJSON(), error)).toEqual({ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
