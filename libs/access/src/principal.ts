import type { PartyId } from '#libs/shared-kernel';

/**
 * Who a request comes from, once its credential checked out. One credential kind serves both
 * transports: a bearer token on GraphQL, an API key in gRPC call metadata.
 *
 * - a party acts only for itself;
 * - a partner integration acts for the parties it was granted, records only the event types it was
 *   granted (`'all'` when unrestricted), and what it records is attested;
 * - an admin reads everything and may act as the system (jobs, demo seeding), never as a party.
 */
export type Principal =
  | { readonly kind: 'party'; readonly credentialId: string; readonly partyId: PartyId }
  | {
      readonly kind: 'partner';
      readonly credentialId: string;
      readonly partnerId: string;
      readonly parties: readonly PartyId[];
      readonly eventTypes: readonly string[] | 'all';
    }
  | { readonly kind: 'admin'; readonly credentialId: string; readonly name: string };

export interface CredentialVerifier {
  /**
   * The principal a presented secret belongs to, or null when it is unknown, malformed or revoked.
   * Revocation takes effect at once: no cache outlives a revoke. Never throws for bad input.
   */
  verify(secret: string): Promise<Principal | null>;
}

/** Nest injection token of the `CredentialVerifier` (provided by the access module). */
export const CREDENTIAL_VERIFIER = Symbol('CREDENTIAL_VERIFIER');
