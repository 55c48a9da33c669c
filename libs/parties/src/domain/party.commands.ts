import { z } from 'zod';
import { commandSchema, parseCommand, PartyId } from '#libs/shared-kernel';
import { PartyRegistered } from './party.events';

const Profile = PartyRegistered.pick({ name: true, roles: true, industry: true, region: true }).extend({
  roles: PartyRegistered.shape.roles.refine((roles) => new Set(roles).size === roles.length, 'list each role once'),
});

/** A party registers itself (or the system does, e.g. onboarding); it is registered at the command's `now`. */
export const RegisterParty = commandSchema('RegisterParty', Profile.extend({ partyId: PartyId }));

/** The fields to change; fields left out stay as they are. */
export const UpdatePartyProfile = commandSchema(
  'UpdatePartyProfile',
  Profile.partial()
    .extend({ partyId: PartyId })
    .refine((p) => ['name', 'roles', 'industry', 'region'].some((k) => k in p), 'change at least one field'),
);

export const PartyCommand = z.discriminatedUnion('type', [RegisterParty, UpdatePartyProfile]);
export type PartyCommand = z.infer<typeof PartyCommand>;
export type PartyCommandOf<T extends PartyCommand['type']> = Extract<PartyCommand, { type: T }>;

/** For transports: the typed command, or a `CommandValidationError` coded `PARTY.INVALID_COMMAND`. */
export const parsePartyCommand = (input: unknown): PartyCommand =>
  parseCommand(PartyCommand, input, 'PARTY.INVALID_COMMAND');
