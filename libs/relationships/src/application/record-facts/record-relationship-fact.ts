import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '#libs/access';
import { parseCommand, type Recorded } from '#libs/shared-kernel';
import { z } from 'zod';
import type { RelationshipFactInput } from '../relationship-recording';
import { RecordRelationshipFacts, RecordRelationshipFactsHandler, RelationshipRefSchema } from './record-relationship-facts';

/**
 * Records one fact in the relationship its command names (one GraphQL mutation each): a batch of one.
 * Answers the `Recorded` (`replayed` for a retry with a key already used); throws the fact's refusal.
 */
export class RecordRelationshipFact extends Command<Recorded> {
  constructor(
    readonly principal: Principal,
    readonly fact: RelationshipFactInput,
    readonly correlationId?: string,
  ) {
    super();
  }
}

const NamesRelationship = z.object({ data: RelationshipRefSchema });

@CommandHandler(RecordRelationshipFact)
export class RecordRelationshipFactHandler implements ICommandHandler<RecordRelationshipFact> {
  constructor(@Inject(RecordRelationshipFactsHandler) private readonly batch: RecordRelationshipFactsHandler) {}

  async execute({ principal, fact, correlationId }: RecordRelationshipFact): Promise<Recorded> {
    const { data: relationship } = parseCommand(NamesRelationship, fact.command, 'RELATIONSHIP.INVALID_COMMAND');
    const outcome = await this.batch.execute(new RecordRelationshipFacts(principal, relationship, [fact], correlationId));
    if (outcome.status === 'refused') throw outcome.refusals[0].error;
    return outcome.facts[0];
  }
}
