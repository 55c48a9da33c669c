import {
  assertNever,
  type Actor,
  type Decider,
  type EventEnvelope,
  type PartyId,
  type Role,
} from '#libs/shared-kernel';
import type { PartyCommand, PartyCommandOf } from './party.commands';
import { NotAllowedToManagePartyError, PartyAlreadyRegisteredError, PartyNotRegisteredError } from './party.errors';
import type { PartyEvent } from './party.events';

interface Profile {
  readonly name: string;
  readonly roles: Role[];
  readonly industry: string;
  readonly region: string;
}
const PROFILE_FIELDS = ['name', 'roles', 'industry', 'region'] as const;

/** The current profile once registered: enough to refuse a second registration and skip empty updates. */
export interface PartyState {
  readonly profile?: Profile;
}

export const initialState: PartyState = {};

export const evolve = (state: PartyState, { event }: EventEnvelope<PartyEvent>): PartyState => {
  switch (event.type) {
    case 'PartyRegistered': {
      const { name, roles, industry, region } = event.data;
      return { profile: { name, roles, industry, region } };
    }
    case 'PartyProfileUpdated': {
      if (!state.profile) return state;
      const { partyId: _partyId, updatedAt: _updatedAt, ...changes } = event.data;
      return { profile: { ...state.profile, ...changes } };
    }
  }
};

/** Roles are a set: listing them in another order changes nothing. */
const sameValue = (a: string | readonly Role[], b: string | readonly Role[]): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((role) => b.includes(role)) : a === b;

const changedFields = (current: Profile, requested: Partial<Profile>): Partial<Profile> =>
  Object.fromEntries(
    PROFILE_FIELDS.filter((k) => requested[k] !== undefined && !sameValue(requested[k], current[k])).map((k) => [
      k,
      requested[k],
    ]),
  );

/** A party's identity is its own: a partner integration brings evidence, not names or roles. */
const requireManager = (partyId: PartyId, actor: Actor): void => {
  if (actor.kind === 'system' || (actor.kind === 'party' && actor.partyId === partyId)) return;
  throw new NotAllowedToManagePartyError(`Only ${partyId} itself or the system manages its profile`, {
    partyId,
    actor: actor.kind,
  });
};

const registerParty = ({ data, now, actor }: PartyCommandOf<'RegisterParty'>, state: PartyState): PartyEvent[] => {
  requireManager(data.partyId, actor);
  const { partyId, ...profile } = data;
  if (state.profile) {
    if (Object.keys(changedFields(state.profile, profile)).length === 0) return [];
    throw new PartyAlreadyRegisteredError(`Party ${partyId} is already registered with another profile`, { partyId });
  }
  return [{ type: 'PartyRegistered', data: { partyId, ...profile, registeredAt: now } }];
};

const updatePartyProfile = (
  { data, now, actor }: PartyCommandOf<'UpdatePartyProfile'>,
  state: PartyState,
): PartyEvent[] => {
  requireManager(data.partyId, actor);
  if (!state.profile) {
    throw new PartyNotRegisteredError(`Party ${data.partyId} is not registered`, { partyId: data.partyId });
  }
  const changes = changedFields(state.profile, data);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'PartyProfileUpdated', data: { partyId: data.partyId, ...changes, updatedAt: now } }];
};

/**
 * Registration happens once (repeating it with the same profile records nothing); a profile update records
 * only the fields that change, and nothing when none does. Both only by the party itself or the system.
 */
export const decide = (command: PartyCommand, state: PartyState): PartyEvent[] => {
  switch (command.type) {
    case 'RegisterParty':
      return registerParty(command, state);
    case 'UpdatePartyProfile':
      return updatePartyProfile(command, state);
    default:
      return assertNever(command);
  }
};

export const partyDecider: Decider<PartyCommand, PartyEvent, PartyState> = { initialState, evolve, decide };
