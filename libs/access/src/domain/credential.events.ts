import { z } from 'zod';
import { Instant, PartyId } from '#libs/shared-kernel';

/** Credential ids are 24 lowercase hex digits: they appear in the secret, `rpt_<credentialId>_<secret>`. */
export const CredentialId = z.string().regex(/^[0-9a-f]{24}$/, 'a credential id is 24 lowercase hex digits');
export type CredentialId = z.infer<typeof CredentialId>;

export const PartnerId = z.string().regex(/^[a-z0-9_-]{1,64}$/, 'a partner id is 1–64 characters of a–z, 0–9, _ and -');

/** What a credential lets its holder do; see `Principal` for what each kind means. */
export const CredentialGrant = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('party'), partyId: PartyId }),
  z.object({
    kind: z.literal('partner'),
    partnerId: PartnerId,
    parties: z.array(PartyId).min(1),
    eventTypes: z.union([z.literal('all'), z.array(z.string().min(1).max(100)).min(1)]),
  }),
  z.object({ kind: z.literal('admin'), name: z.string().trim().min(1).max(100) }),
]);
export type CredentialGrant = z.infer<typeof CredentialGrant>;

/** Facts of a credential stream `credential-<credentialId>`. Only the secret's sha256 is ever stored. */
export const CredentialIssued = z.object({
  credentialId: CredentialId,
  grant: CredentialGrant,
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  issuedAt: Instant,
});

export const CredentialRevoked = z.object({ credentialId: CredentialId, revokedAt: Instant });

export const credentialEventSchemas = { CredentialIssued, CredentialRevoked } as const;

type Schemas = typeof credentialEventSchemas;
export type CredentialEventType = keyof Schemas;
export type CredentialEvent = {
  [T in CredentialEventType]: { readonly type: T; readonly data: z.infer<Schemas[T]> };
}[CredentialEventType];
