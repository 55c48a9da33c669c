import { status } from '@grpc/grpc-js';
import { RapportError, type ErrorKind } from '#libs/shared-kernel';
import { describeError } from './grpc-status';

const errorOf = (kind: ErrorKind) =>
  new (class extends RapportError {
    readonly kind = kind;
    readonly code = 'TEST.CODE';
  })('what went wrong');

describe('gRPC status of an error', () => {
  it.each<[ErrorKind, status]>([
    ['validation', status.INVALID_ARGUMENT],
    ['not-found', status.NOT_FOUND],
    ['forbidden', status.PERMISSION_DENIED],
    ['unauthorized', status.UNAUTHENTICATED],
    ['conflict', status.FAILED_PRECONDITION],
    ['illegal-state', status.FAILED_PRECONDITION],
    ['unavailable', status.UNAVAILABLE],
  ])('maps %s to %s with its code and message', (kind, expected) => {
    expect(describeError(errorOf(kind))).toEqual({ status: expected, code: 'TEST.CODE', message: 'what went wrong' });
  });

  it('answers anything else as INTERNAL without its details', () => {
    expect(describeError(new TypeError('secret table name in here'))).toEqual({
      status: status.INTERNAL,
      code: 'INGESTION.INTERNAL',
      message: 'internal error',
    });
  });
});
