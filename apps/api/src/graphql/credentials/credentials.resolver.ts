import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CredentialService, type CredentialGrant, type CredentialSummary } from '#libs/access';
import type { ApiContext } from '../context/api-context';
import { withoutNulls } from '../writes/fact-writer';
import { withInputPaths } from '../writes/input-paths';
import { requireAdmin } from './admin-only.error';
import { Credential, CredentialRevocation, CreateCredentialInput, IssuedCredential } from './credential.types';

const grantOf = ({ kind, ...fields }: CreateCredentialInput): CredentialGrant => {
  const given = withoutNulls(fields);
  // A partner without a list of event types may record them all.
  if (kind === 'partner' && given.eventTypes === undefined) given.eventTypes = 'all';
  return { kind, ...given } as CredentialGrant;
};

const credentialOf = ({ credentialId, grant, issuedAt, revokedAt }: CredentialSummary): Credential => ({
  credentialId,
  kind: grant.kind,
  partyId: grant.kind === 'party' ? grant.partyId : null,
  partnerId: grant.kind === 'partner' ? grant.partnerId : null,
  parties: grant.kind === 'partner' ? grant.parties : null,
  eventTypes: grant.kind === 'partner' && grant.eventTypes !== 'all' ? grant.eventTypes : null,
  name: grant.kind === 'admin' ? grant.name : null,
  issuedAt,
  revokedAt: revokedAt ?? null,
});

/**
 * Credentials for admins, over the API. The CLI (`rapport token …`) does the same, but it opens the event
 * store itself, which the embedded PGlite store allows to one process at a time: while `npm start` runs,
 * these are how an admin issues and revokes tokens. A revocation holds from the very next request.
 */
@Resolver()
export class CredentialsResolver {
  constructor(private readonly service: CredentialService) {}

  @Query(() => [Credential], { description: 'Admins only: every credential ever issued, revoked ones included, oldest first.' })
  credentials(@Context() ctx: ApiContext): Promise<Credential[]> {
    requireAdmin(ctx.viewer, 'list credentials');
    return this.service.list().then((all) => all.map(credentialOf));
  }

  @Mutation(() => IssuedCredential, { description: 'Admins only: issues a credential and answers its secret, this once.' })
  async createCredential(@Args('input') input: CreateCredentialInput, @Context() ctx: ApiContext): Promise<IssuedCredential> {
    requireAdmin(ctx.viewer, 'create credentials');
    const issued = await withInputPaths(this.service.issue(grantOf(input)), (path) => (path ? `input.${path}` : 'input'));
    return { ...credentialOf(issued), secret: issued.secret };
  }

  @Mutation(() => CredentialRevocation, { description: 'Admins only: revokes a credential; it fails from the very next request. NOT_FOUND when unknown.' })
  async revokeCredential(@Args('id', { type: () => ID }) id: string, @Context() ctx: ApiContext): Promise<CredentialRevocation> {
    requireAdmin(ctx.viewer, 'revoke credentials');
    const revoked = await withInputPaths(this.service.revoke(id), () => 'id');
    return { credentialId: id, revoked };
  }
}
