import { EventStoreCredentialVerifier, type CredentialVerifier, type Principal } from '#libs/access';
import { InMemoryEventStore } from '#libs/event-store';
import { systemClock } from '#libs/shared-kernel';
import { CachedCredentialService, CredentialCache } from './credential-cache';

const acme: Principal = { kind: 'party', credentialId: 'c-acme', partyId: 'acme' };

/** A verifier that counts its reads and answers when told to. */
class SlowTable implements CredentialVerifier {
  reads = 0;
  private release: (() => void) | null = null;

  constructor(private readonly principals: Record<string, Principal>) {}

  async verify(secret: string): Promise<Principal | null> {
    this.reads++;
    if (this.release === null) await new Promise<void>((resolve) => (this.release = resolve));
    return this.principals[secret] ?? null;
  }

  answer(): void {
    this.release?.();
  }

  answerAtOnce(): void {
    this.release = () => undefined;
  }
}

describe('the credential cache of an embedded store', () => {
  it('reads a credential once, then answers from memory', async () => {
    const table = new SlowTable({ secret: acme });
    table.answerAtOnce();
    const cache = new CredentialCache(table);

    expect(await cache.verify('secret')).toEqual(acme);
    expect(await cache.verify('secret')).toEqual(acme);
    expect(table.reads).toBe(1);
  });

  it('keeps no failure: a credential issued later works at once', async () => {
    const principals: Record<string, Principal> = {};
    const table = new SlowTable(principals);
    table.answerAtOnce();
    const cache = new CredentialCache(table);

    expect(await cache.verify('new')).toBeNull();
    principals.new = acme;
    expect(await cache.verify('new')).toEqual(acme);
  });

  it('forgets a credential, and does not keep a verification that read the store before the revocation', async () => {
    const table = new SlowTable({ secret: acme });
    const cache = new CredentialCache(table);
    const inFlight = cache.verify('secret');

    cache.forget('c-acme');
    table.answer();

    expect(await inFlight).toEqual(acme);
    table.answerAtOnce();
    await cache.verify('secret');
    expect(table.reads).toBe(2);
  });

  it('refuses a revoked credential on the very next verification', async () => {
    const store = new InMemoryEventStore();
    const cache = new CredentialCache(new EventStoreCredentialVerifier(store));
    const service = new CachedCredentialService(store, systemClock, cache);
    const { credentialId, secret } = await service.issue({ kind: 'party', partyId: 'acme' });
    expect(await cache.verify(secret)).toMatchObject({ kind: 'party', partyId: 'acme', credentialId });

    expect(await service.revoke(credentialId)).toBe(true);

    expect(await cache.verify(secret)).toBeNull();
  });
});
