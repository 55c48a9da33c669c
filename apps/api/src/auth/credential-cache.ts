import { createHash } from 'node:crypto';
import { CredentialService, type CredentialVerifier, type Principal } from '#libs/access';
import type { EventStore } from '#libs/event-store';
import type { Clock } from '#libs/shared-kernel';

const MAX_ENTRIES = 10_000;

/**
 * Principals of credentials that verified, for a store only this process writes (embedded PGlite holds a
 * lock on its directory; the in-memory store is the process's own), so every revocation goes through this
 * process's `CredentialService` and clears the cache before it answers. Each verification otherwise reads
 * the credential's stream: on PGlite that is a few milliseconds of single-threaded WASM per request.
 *
 * Only successes are kept, under the secret's sha256. A verification that read the store before a
 * revocation and ends after it is not kept (the `epoch` moved), so no revoked credential survives a revoke.
 */
export class CredentialCache implements CredentialVerifier {
  private readonly principals = new Map<string, Principal>();
  private epoch = 0;

  constructor(private readonly verifier: CredentialVerifier) {}

  async verify(secret: string): Promise<Principal | null> {
    const key = createHash('sha256').update(secret).digest('base64url');
    const known = this.principals.get(key);
    if (known) return known;
    const startedAt = this.epoch;
    const principal = await this.verifier.verify(secret);
    if (principal && startedAt === this.epoch) {
      if (this.principals.size >= MAX_ENTRIES) this.principals.delete(this.principals.keys().next().value as string);
      this.principals.set(key, principal);
    }
    return principal;
  }

  forget(credentialId: string): void {
    this.epoch++;
    for (const [key, principal] of this.principals) if (principal.credentialId === credentialId) this.principals.delete(key);
  }
}

/** The credential service whose revocations clear the cache, before and after the revocation is recorded. */
export class CachedCredentialService extends CredentialService {
  constructor(
    store: EventStore,
    clock: Clock,
    private readonly cache: CredentialCache,
  ) {
    super(store, clock);
  }

  override async revoke(credentialId: string): Promise<boolean> {
    this.cache.forget(credentialId);
    try {
      return await super.revoke(credentialId);
    } finally {
      this.cache.forget(credentialId);
    }
  }
}
