import type { CommandBus } from '@nestjs/cqrs';
import type { CommandInput, Principal } from '#libs/access';
import type { EventStore } from '#libs/event-store';
import { RecordPartyFact, type PartyCommand } from '#libs/parties';
import { RecordRelationshipFact, type RelationshipEvent } from '#libs/relationships';
import { decodeEvent } from '#libs/reputation';
import { type Actor, type CommandContext, type SettableClock, type StoredEvent, isRapportError } from '#libs/shared-kernel';
import type { DomainCommand } from './alpha-commands';

/** Where the replay sends its commands. */
export type CommandSink = (command: DomainCommand) => Promise<unknown>;

const isPartyCommand = (command: DomainCommand): command is PartyCommand => command.type === 'RegisterParty' || command.type === 'UpdatePartyProfile';

/** The principal a transport would have authenticated for the actor: a party acts for itself; the system is an admin acting as it. */
const principalOf = (actor: Actor): Principal => {
  switch (actor.kind) {
    case 'party':
      return { kind: 'party', credentialId: `eval_${actor.partyId}`, partyId: actor.partyId };
    case 'system':
      return { kind: 'admin', credentialId: 'eval_system', name: 'alpha-replay' };
    case 'partner':
      return { kind: 'partner', credentialId: `eval_${actor.partnerId}`, partnerId: actor.partnerId, parties: [actor.onBehalfOf], eventTypes: 'all' };
  }
};

/** The command as a transport receives it: without the context (`now`, actor, correlation id) the application adds. */
const inputOf = <C extends CommandContext & { readonly type: string; readonly data: unknown }>({ type, data }: C): CommandInput<C> => ({ type, data }) as CommandInput<C>;

/**
 * Sends each command through the real command handlers on the command bus, as a transport does: the
 * clock set to the command's `now`, the principal its actor's, `{ type, data }` as the input, the
 * correlation id kept. Every rule of the domain and of access applies. Refusals are counted by error
 * code, not thrown.
 */
export const commandBusSink = (commandBus: Pick<CommandBus, 'execute'>, clock: SettableClock, refusals: Map<string, number>): CommandSink => async (command) => {
  clock.set(command.now);
  const principal = principalOf(command.actor);
  try {
    if (isPartyCommand(command)) {
      await commandBus.execute(new RecordPartyFact(principal, { command: inputOf(command) }, command.correlationId));
    } else {
      await commandBus.execute(new RecordRelationshipFact(principal, { command: inputOf(command) }, command.correlationId));
    }
  } catch (error) {
    if (!isRapportError(error)) throw error;
    refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1);
  }
};

/** Every relationship event recorded in the store, read back and decoded as projections read them. */
export const recordedRelationshipEvents = async (store: EventStore): Promise<StoredEvent<RelationshipEvent>[]> => {
  const events: StoredEvent<RelationshipEvent>[] = [];
  for await (const recorded of store.readAll()) {
    const decoded = decodeEvent(recorded);
    if (decoded?.stream === 'relationship') events.push(decoded.stored);
  }
  return events;
};
