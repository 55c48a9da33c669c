import { reputationProjections } from '#libs/reputation';
import { CommandValidationError } from '#libs/shared-kernel';
import { ADAPTERS, readStream, refusalOf, useCommandApp } from '../../../test/command-app';
import { AccessModule } from '../../access.module';
import { CredentialNotFoundError } from '../../domain/credential.errors';
import { credentialStreamId } from '../../domain/credential.stream-id';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from '../../principal';
import { CredentialService } from './credential.service';

describe.each(ADAPTERS)('credentials on the event store (%s)', (_adapter, openStore) => {
  const suite = useCommandApp(openStore, [AccessModule]);
  let credentials: CredentialService;
  let verifier: CredentialVerifier;

  beforeAll(() => {
    credentials = suite.app.app.get(CredentialService);
    verifier = suite.app.app.get<CredentialVerifier>(CREDENTIAL_VERIFIER);
  });

  it('issues a party credential whose secret verifies as that party', async () => {
    const issued = await credentials.issue({ kind: 'party', partyId: 'globex' });

    expect(issued.secret).toMatch(new RegExp(`^rpt_${issued.credentialId}_[A-Za-z0-9_-]{43}$`));
    expect(await verifier.verify(issued.secret)).toEqual({ kind: 'party', credentialId: issued.credentialId, partyId: 'globex' });
  });

  it('issues a partner credential scoped to its parties and event types, and an admin credential', async () => {
    const partner = await credentials.issue({ kind: 'partner', partnerId: 'ledgerly', parties: ['acme', 'globex'], eventTypes: ['InvoicePaid'] });
    const admin = await credentials.issue({ kind: 'admin', name: 'ops' });

    expect(await verifier.verify(partner.secret)).toEqual({
      kind: 'partner',
      credentialId: partner.credentialId,
      partnerId: 'ledgerly',
      parties: ['acme', 'globex'],
      eventTypes: ['InvoicePaid'],
    });
    expect(await verifier.verify(admin.secret)).toEqual({ kind: 'admin', credentialId: admin.credentialId, name: 'ops' });
  });

  it('stops verifying a revoked credential on the very next request', async () => {
    const issued = await credentials.issue({ kind: 'party', partyId: 'globex' });
    expect(await verifier.verify(issued.secret)).not.toBeNull();

    expect(await credentials.revoke(issued.credentialId)).toBe(true);
    expect(await verifier.verify(issued.secret)).toBeNull();
    expect(await credentials.revoke(issued.credentialId)).toBe(false);
  });

  it('verifies nothing for a wrong secret, a malformed one or an unknown credential', async () => {
    const issued = await credentials.issue({ kind: 'party', partyId: 'globex' });
    const otherSecret = (await credentials.issue({ kind: 'party', partyId: 'globex' })).secret.split('_').slice(2).join('_');
    const unknownId = 'f'.repeat(24);

    expect(await verifier.verify(`rpt_${issued.credentialId}_${otherSecret}`)).toBeNull();
    expect(await verifier.verify(issued.secret.slice(0, -1))).toBeNull();
    expect(await verifier.verify(`rpt_${unknownId}_${otherSecret}`)).toBeNull();
    for (const malformed of ['', 'Bearer x', issued.secret.toUpperCase(), `${issued.secret} `, 'rpt__', 42 as unknown as string]) {
      expect(await verifier.verify(malformed)).toBeNull();
    }
  });

  it('stores only a hash of the secret', async () => {
    const issued = await credentials.issue({ kind: 'party', partyId: 'globex' });
    const stored = JSON.stringify((await readStream(suite.store, credentialStreamId(issued.credentialId))).map(({ data, metadata }) => ({ data, metadata })));
    expect(stored).not.toContain(issued.secret.split('_').slice(2).join('_'));
    expect(stored).toContain('secretHash');
  });

  it('lists credentials with their grants and revocations, never their secrets', async () => {
    const kept = await credentials.issue({ kind: 'partner', partnerId: 'payfast', parties: ['acme'], eventTypes: 'all' });
    const revoked = await credentials.issue({ kind: 'party', partyId: 'initech' });
    await credentials.revoke(revoked.credentialId);

    const listed = await credentials.list();
    expect(listed.find((c) => c.credentialId === kept.credentialId)).toEqual({ credentialId: kept.credentialId, grant: kept.grant, issuedAt: kept.issuedAt });
    expect(listed.find((c) => c.credentialId === revoked.credentialId)).toMatchObject({ revokedAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toMatch(/secret/i);
  });

  it('refuses to revoke an unknown credential, and a malformed grant', async () => {
    expect(await refusalOf(credentials.revoke('0'.repeat(24)))).toBeInstanceOf(CredentialNotFoundError);
    expect(await refusalOf(credentials.issue({ kind: 'partner', partnerId: 'x', parties: [], eventTypes: 'all' }))).toBeInstanceOf(CommandValidationError);
  });

  it('keeps credentials out of every reputation projection', async () => {
    await credentials.issue({ kind: 'party', partyId: 'globex' });
    for (const projection of reputationProjections) {
      for await (const event of suite.store.readAll({ filter: projection.filter })) {
        expect(event.streamId).not.toMatch(/^credential-/);
      }
    }
  });
});
