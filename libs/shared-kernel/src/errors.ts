/**
 * Every error Rapport raises on purpose. Transports map `kind` once each
 * (GraphQL `extensions.code`, gRPC status); `code` is the namespaced domain code
 * a client can branch on, e.g. `RELATIONSHIP.DISPUTE_NOT_OPEN`.
 */
export type ErrorKind =
  | 'validation'
  | 'not-found'
  | 'illegal-state'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable';

export abstract class RapportError extends Error {
  abstract readonly kind: ErrorKind;
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const isRapportError = (error: unknown): error is RapportError => error instanceof RapportError;
