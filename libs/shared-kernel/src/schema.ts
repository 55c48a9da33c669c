import { z } from 'zod';

/** Party ids are slugs without '-', so `relationship-<supplierId>-<clientId>` splits unambiguously. */
export const PartyId = z
  .string()
  .regex(/^[a-z0-9_]{1,64}$/, 'a party id is 1–64 characters of a–z, 0–9 and _');
export type PartyId = z.infer<typeof PartyId>;

/** Every instant is an ISO-8601 UTC string (`2026-01-31T12:00:00Z`), JSON-native. */
export const Instant = z.iso.datetime({ offset: false });
export type Instant = z.infer<typeof Instant>;

/** Ids chosen by the recorder for things inside a relationship (invoice, dispute, engagement …). */
export const LocalId = z.string().min(1).max(128);

export const Role = z.enum(['supplier', 'client']);
export type Role = z.infer<typeof Role>;

/** Who records a fact: a party for itself, a partner integration on a party's behalf, or the system (jobs). */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('party'), partyId: PartyId }),
  z.object({ kind: z.literal('partner'), partnerId: z.string().min(1), onBehalfOf: PartyId }),
  z.object({ kind: z.literal('system') }),
]);
export type Actor = z.infer<typeof Actor>;

/** Fields every command carries: the clock and the actor come from outside the domain. */
export const CommandContext = z.object({
  now: Instant,
  actor: Actor,
  correlationId: z.string().min(1).max(128),
});
export type CommandContext = z.infer<typeof CommandContext>;
