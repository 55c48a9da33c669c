import {
  CommandValidationError,
  isRapportError,
  type Actor,
  type CommandContext,
  type Instant,
  type PartyId,
} from '#libs/shared-kernel';
import type { Principal } from '../../principal';
import { actorFor, idempotencyScopeOf } from '../acting/actor-for';
import { requestHashOf, requireValidKey } from './idempotency';
import type { DomainEvent, FactPlan } from './stream-model';

/** A command as a transport sends it: `{ type, data }`, without the context the application adds. */
export type CommandInput<C> = C extends CommandContext ? Omit<C, keyof CommandContext> : never;

/** One fact a principal asks to record. */
export interface FactInput<I> {
  readonly command: I;
  /** The client's key for this fact (gRPC: the partner's `external_id`): a retry with it records nothing new. */
  readonly idempotencyKey?: string;
  /** For a partner integration: the party it acts for in this fact. Parties and admins leave it out. */
  readonly onBehalfOf?: PartyId;
}

/** What a lib tells the application layer about its commands. */
export interface CommandCatalogue<C extends CommandContext & { readonly type: string }, S, E extends DomainEvent> {
  /** The event type each command type records: what a partner's grant of event types is checked against. */
  readonly records: Readonly<Record<C['type'], E['type']>>;
  /** The lib's code for a malformed command, e.g. `RELATIONSHIP.INVALID_COMMAND`. */
  readonly invalidCommandCode: string;
  /**
   * The typed command, or a `CommandValidationError`. It may take a payload it returned itself for checked
   * (a transport that parsed with the catalogue, to name a bad field in its own terms, is not parsed twice).
   */
  parse(command: unknown): C;
  decide(command: C, state: S): readonly E[];
}

export interface RequestContext {
  readonly now: Instant;
  readonly correlationId: string;
}

/** Plans the facts of one request: `planFact` for each, the principal's grant checked once per party and event type. */
export const factPlanner = <C extends CommandContext & { readonly type: string }, S, E extends DomainEvent>(
  catalogue: CommandCatalogue<C, S, E>,
  principal: Principal,
  { now, correlationId }: RequestContext,
): ((input: FactInput<{ readonly type: string; readonly data?: unknown }>) => FactPlan<S, E>) => {
  // One frozen actor per party and event type: the same object for every fact it acts in, so that a catalogue
  // may check the context it makes once (see the relationship catalogue).
  const actors = new Map<string, Actor>();
  const actorOf = (onBehalfOf: PartyId | undefined, eventType: string): Actor => {
    const slot = `${onBehalfOf ?? ''}\u0000${eventType}`;
    let actor = actors.get(slot);
    if (actor === undefined) {
      actor = Object.freeze(actorFor(principal, { onBehalfOf, eventType }));
      actors.set(slot, actor);
    }
    return actor;
  };
  const scope = idempotencyScopeOf(principal);
  return (input) => {
    try {
      const { command: request, idempotencyKey, onBehalfOf } = input;
      if (idempotencyKey !== undefined) requireValidKey(idempotencyKey);
      const eventType = Object.hasOwn(catalogue.records, request.type) ? catalogue.records[request.type as C['type']] : undefined;
      if (eventType === undefined) {
        throw new CommandValidationError(catalogue.invalidCommandCode, [{ path: 'type', message: `unknown command ${JSON.stringify(request.type)}` }]);
      }
      const actor = actorOf(onBehalfOf, eventType);
      const command = catalogue.parse({ type: request.type, data: request.data, now, actor, correlationId });
      const idempotency = idempotencyKey === undefined ? undefined : { scope, key: idempotencyKey, request: requestHashOf({ command: request, onBehalfOf }) };
      return { kind: 'planned', context: command, idempotency, decide: (state) => catalogue.decide(command, state) };
    } catch (error) {
      if (isRapportError(error)) return { kind: 'refused', error };
      throw error;
    }
  };
};

/**
 * Turns what a transport received into a fact the recorder can decide: checks the key, the principal's grant
 * (which also gives the actor) and the command's shape. Anything wrong refuses this fact alone.
 */
export const planFact = <C extends CommandContext & { readonly type: string }, S, E extends DomainEvent>(
  catalogue: CommandCatalogue<C, S, E>,
  principal: Principal,
  input: FactInput<{ readonly type: string; readonly data?: unknown }>,
  context: RequestContext,
): FactPlan<S, E> => factPlanner(catalogue, principal, context)(input);
