import type { Metadata } from '@grpc/grpc-js';
import type { CredentialVerifier } from '#libs/access';
import { RapportError } from '#libs/shared-kernel';
import { requirePartner, type PartnerPrincipal } from '../ingestion/partner-scope';

export class UnauthenticatedError extends RapportError {
  readonly kind = 'unauthorized';
  readonly code = 'INGESTION.UNAUTHENTICATED';
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

const firstString = (metadata: Metadata, key: string): string | undefined => {
  const value = metadata.get(key)[0];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/** The API key of a call: `authorization: Bearer <key>` or `x-api-key: <key>`. */
export const apiKeyOf = (metadata: Metadata): string | undefined => {
  const authorization = firstString(metadata, 'authorization');
  if (authorization) return BEARER.exec(authorization)?.[1];
  return firstString(metadata, 'x-api-key');
};

/** The partner a key belongs to; unknown, malformed or revoked keys are UNAUTHENTICATED, other principals PERMISSION_DENIED. */
export const authenticate = async (verifier: CredentialVerifier, apiKey: string | undefined): Promise<PartnerPrincipal> => {
  if (!apiKey) throw new UnauthenticatedError('No API key: send `authorization: Bearer <key>` or `x-api-key: <key>`');
  const principal = await verifier.verify(apiKey);
  if (!principal) throw new UnauthenticatedError('Unknown or revoked API key');
  return requirePartner(principal);
};
