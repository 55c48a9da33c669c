import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { factPlanner, StreamRecorder, type FactPlan, type Principal, type StreamOutcome } from '#libs/access';
import { CLOCK, CommandValidationError, parseCommand, PartyId, type Clock } from '#libs/shared-kernel';
import { z } from 'zod';
import type { RelationshipEvent } from '../../domain/relationship.events';
import type { RelationshipState } from '../../domain/relationship.state';
import { relationshipStreamId, type RelationshipRef } from '../../domain/relationship.stream-id';
import {
  relationshipCatalogue,
  relationshipStreamModel,
  type RelationshipFactInput,
} from '../relationship-recording';

export const RelationshipRefSchema = z.object({ supplierId: PartyId, clientId: PartyId });

/**
 * Records several facts in one relationship at once (gRPC ingestion's batches): decided in order, each
 * against the state the earlier ones leave, and appended together or not at all. The answer is either every
 * fact's `Recorded` (some `replayed`, when their key was seen before) or every refused fact with its error,
 * and then nothing of the batch is recorded. Throws only for the batch as a whole (malformed relationship,
 * no facts, `ConcurrencyConflictError`, an unavailable store).
 */
export class RecordRelationshipFacts extends Command<StreamOutcome> {
  constructor(
    readonly principal: Principal,
    readonly relationship: RelationshipRef,
    readonly facts: readonly RelationshipFactInput[],
    readonly correlationId?: string,
  ) {
    super();
  }
}

@CommandHandler(RecordRelationshipFacts)
export class RecordRelationshipFactsHandler implements ICommandHandler<RecordRelationshipFacts> {
  constructor(
    @Inject(StreamRecorder) private readonly recorder: StreamRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, relationship, facts, correlationId }: RecordRelationshipFacts): Promise<StreamOutcome> {
    const ref = parseCommand(RelationshipRefSchema, relationship, 'RELATIONSHIP.INVALID_COMMAND');
    if (facts.length === 0) {
      throw new CommandValidationError('RELATIONSHIP.INVALID_COMMAND', [{ path: 'facts', message: 'record at least one fact' }]);
    }
    const context = { now: this.clock.now(), correlationId: correlationId ?? randomUUID() };
    const plan = factPlanner(relationshipCatalogue, principal, context);
    const plans = facts.map((fact) => outsideOf(ref, fact) ?? plan(fact));
    return this.recorder.record(relationshipStreamId(ref.supplierId, ref.clientId), relationshipStreamModel, plans);
  }
}

/** A fact naming other parties than the batch's relationship is refused rather than recorded elsewhere. */
const outsideOf = (ref: RelationshipRef, { command }: RelationshipFactInput): FactPlan<RelationshipState, RelationshipEvent> | null => {
  const data: Partial<RelationshipRef> = typeof command.data === 'object' && command.data !== null ? command.data : {};
  const strays = (['supplierId', 'clientId'] as const).filter((k) => data[k] !== undefined && data[k] !== ref[k]);
  if (strays.length === 0) return null;
  const issues = strays.map((k) => ({ path: `data.${k}`, message: `is not the batch's ${k} ${ref[k]}` }));
  return { kind: 'refused', error: new CommandValidationError('RELATIONSHIP.INVALID_COMMAND', issues) };
};
