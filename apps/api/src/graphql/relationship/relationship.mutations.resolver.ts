import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandValidationError } from '#libs/shared-kernel';
import type { ApiContext } from '../context/api-context';
import { FactWriter } from '../writes/fact-writer';
import { RecordedFact, WriteArgs } from '../writes/recorded.types';
import {
  ConcludeLegalActionInput,
  EndEngagementInput,
  type FeedbackRatingInput,
  RaiseDisputeInput,
  RecordDeliveryInput,
  RecordInvoicePaidInput,
  RecordLegalActionInput,
  RecordPriorityServiceInput,
  RecordReferralInput,
  ResolveDisputeInput,
  RetractFactInput,
  StartEngagementInput,
  SubmitFeedbackInput,
} from './relationship-fact.inputs';

/** The command keeps ratings by dimension; the schema takes a list, so a dimension named twice is the client's mistake to hear about. */
const ratingsByDimension = (ratings: readonly FeedbackRatingInput[]): Record<string, number> => {
  const dimensions = ratings.map((r) => r.dimension);
  if (new Set(dimensions).size !== dimensions.length) {
    throw new CommandValidationError('RELATIONSHIP.INVALID_COMMAND', [{ path: 'input.ratings', message: 'rate each dimension once' }]);
  }
  return Object.fromEntries(ratings.map(({ dimension, stars }) => [dimension, stars]));
};

/**
 * One mutation per relationship command. Who may record what is the domain's table (see the relationship
 * decider): a party records only in its own relationships, a partner for its granted parties and event
 * types (attested), an admin — acting as the system — in none.
 */
@Resolver()
export class RelationshipMutationsResolver {
  constructor(private readonly writer: FactWriter) {}

  @Mutation(() => RecordedFact, { description: 'An engagement started between a supplier and a client (either side records it).' })
  startEngagement(@Args('input') input: StartEngagementInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'StartEngagement', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'An engagement ended; amicable and with a hand-over, it counts against no one.' })
  endEngagement(@Args('input') input: EndEngagementInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'EndEngagement', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'An invoice was paid: early, on time or late is computed from its dates.' })
  recordInvoicePaid(@Args('input') input: RecordInvoicePaidInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'RecordInvoicePaid', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'One side referred new business to the other.' })
  recordReferral(@Args('input') input: RecordReferralInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'RecordReferral', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'A dispute was raised: shown, not scored, until resolved.' })
  raiseDispute(@Args('input') input: RaiseDisputeInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'RaiseDispute', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'A dispute was resolved, with its outcome for the party that raised it.' })
  resolveDispute(@Args('input') input: ResolveDisputeInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'ResolveDispute', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'Legal action was taken; in answer to a review or feedback it raises a retaliation flag.' })
  recordLegalAction(@Args('input') input: RecordLegalActionInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'RecordLegalAction', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'A legal action ended, with its outcome for the party that took it.' })
  concludeLegalAction(@Args('input') input: ConcludeLegalActionInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'ConcludeLegalAction', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'A delivery was completed: on time or late is computed from its dates.' })
  recordDelivery(@Args('input') input: RecordDeliveryInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'RecordDelivery', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'The supplier served this client first or beyond the contract.' })
  recordPriorityService(@Args('input') input: RecordPriorityServiceInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'RecordPriorityService', input, write);
  }

  @Mutation(() => RecordedFact, { description: 'Double-blind feedback about the other side of an engagement; both are revealed once both sides have submitted.' })
  submitFeedback(@Args('input') input: SubmitFeedbackInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'SubmitFeedback', { ...input, ratings: ratingsByDimension(input.ratings) }, write);
  }

  @Mutation(() => RecordedFact, { description: 'Takes back a fact you recorded: it stays in the log, scoring ignores it from now on.' })
  retractFact(@Args('input') input: RetractFactInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.relationshipFact(ctx.viewer, 'RetractFact', input, write);
  }
}
