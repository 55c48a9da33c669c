import { z } from 'zod';
import { Instant, PartyId, Role } from '#libs/shared-kernel';

/** Facts recorded in a party stream `party-<partyId>`. */
const PartyProfile = {
  name: z.string().trim().min(1).max(200),
  roles: z.array(Role).min(1).max(2),
  industry: z.string().trim().min(1).max(100),
  region: z.string().trim().min(1).max(100),
};

export const PartyRegistered = z.object({ partyId: PartyId, ...PartyProfile, registeredAt: Instant });

/** Only the fields that changed; at least one. */
export const PartyProfileUpdated = z
  .object({ partyId: PartyId, ...z.object(PartyProfile).partial().shape, updatedAt: Instant })
  .refine((e) => ['name', 'roles', 'industry', 'region'].some((k) => k in e), 'change at least one field');

export const partyEventSchemas = { PartyRegistered, PartyProfileUpdated } as const;

type Schemas = typeof partyEventSchemas;
export type PartyEventType = keyof Schemas;
export type PartyEvent = {
  [T in PartyEventType]: { readonly type: T; readonly data: z.infer<Schemas[T]> };
}[PartyEventType];
