import type { EventStore } from '#libs/event-store';
import type { Credential } from '../../domain/credential.decider';
import { credentialStreamId } from '../../domain/credential.stream-id';
import type { CredentialVerifier, Principal } from '../../principal';
import { loadStream } from '../recording/load-stream';
import { credentialIdIn, secretMatches } from './credential-secret';
import { credentialModel } from './credential.model';

export const principalOf = ({ credentialId, grant }: Credential): Principal => {
  switch (grant.kind) {
    case 'party':
      return { kind: 'party', credentialId, partyId: grant.partyId };
    case 'partner':
      return { kind: 'partner', credentialId, partnerId: grant.partnerId, parties: grant.parties, eventTypes: grant.eventTypes };
    case 'admin':
      return { kind: 'admin', credentialId, name: grant.name };
  }
};

/**
 * Reads the one credential stream the secret names, every time: a revocation is seen by the very next
 * request, on every adapter and in every process, and a restart loses nothing.
 */
export class EventStoreCredentialVerifier implements CredentialVerifier {
  constructor(private readonly store: EventStore) {}

  async verify(presented: string): Promise<Principal | null> {
    const credentialId = credentialIdIn(presented);
    if (credentialId === null) return null;
    const { credential } = (await loadStream(this.store, credentialStreamId(credentialId), credentialModel)).state;
    if (!credential || credential.revokedAt !== undefined || !secretMatches(presented, credential.secretHash)) return null;
    return principalOf(credential);
  }
}
