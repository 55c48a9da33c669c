import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { FieldMiddleware } from '@nestjs/graphql';
import { ComponentNameValue, ConfidenceLevelValue, FlagKindValue, GradeValue, ReasonDirectionValue, RoleValue } from './enums';
import { InstantScalar } from './instant.scalar';

@ObjectType({ description: 'One line of "why": a group of evidence and how far it moved the score.' })
export class Reason {
  @Field(() => ComponentNameValue)
  component!: string;

  @Field(() => ReasonDirectionValue)
  direction!: string;

  @Field(() => Float, { description: 'Points on the 0–100 scale the score would differ by without this evidence.' })
  impact!: number;

  @Field(() => String)
  text!: string;

  @Field(() => [ID], { description: "The events behind this reason: each is the `eventId` of an entry on the party's timeline." })
  eventIds!: string[];
}

@ObjectType({ description: 'One part of a rating: a Beta-reputation estimate over its own evidence.' })
export class ComponentScore {
  @Field(() => ComponentNameValue)
  component!: string;

  @Field(() => Float, { description: 'Share of the rating this component carries in its role.' })
  weight!: number;

  @Field(() => Float, { description: '0–1: the estimate.' })
  value!: number;

  @Field(() => Float, { description: '0–1: how much evidence backs the estimate.' })
  confidence!: number;

  @Field(() => Float, { description: '0–1: the estimate less its uncertainty; rankings use it.' })
  lowerBound!: number;

  @Field(() => Int, { description: 'Events whose evidence went into it.' })
  evidenceCount!: number;

  @Field(() => Float, { nullable: true, description: 'Punctuality only: the decayed, amount-weighted PAYDEX (100 early, 80 on time).' })
  paydex?: number | null;

  @Field(() => [Reason], { description: "All of this component's reasons, strongest first." })
  reasons!: Reason[];
}

@ObjectType({ description: 'A public flag about a party, whatever role it was raised in.' })
export class Flag {
  @Field(() => FlagKindValue)
  flag!: string;

  @Field(() => InstantScalar)
  since!: string;

  @Field(() => String)
  text!: string;

  @Field(() => [ID])
  eventIds!: string[];
}

@ObjectType({ description: 'A dispute not yet resolved: shown, never scored.' })
export class OpenDispute {
  @Field(() => String)
  disputeId!: string;

  @Field(() => ID)
  counterpartyId!: string;

  @Field(() => InstantScalar)
  raisedAt!: string;

  @Field(() => Boolean)
  raisedByParty!: boolean;

  @Field(() => ID)
  eventId!: string;
}

@ObjectType()
export class LegalActionRecord {
  @Field(() => String)
  legalActionId!: string;

  @Field(() => ID)
  counterpartyId!: string;

  @Field(() => InstantScalar)
  takenAt!: string;

  @Field(() => Boolean)
  takenByParty!: boolean;

  @Field(() => String)
  grounds!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => Boolean, { description: 'Taken in answer to a review or feedback: the strongest negative signal.' })
  retaliation!: boolean;

  @Field(() => String, { nullable: true, description: 'won, lost, settled or withdrawn, for the party that took the action; null while pending.' })
  outcome!: string | null;

  @Field(() => [ID])
  eventIds!: string[];
}

/** The read model keeps components by name; the schema lists them in the policy's order. */
const componentList: FieldMiddleware = async (_ctx, next) => Object.values(((await next()) as Record<string, unknown> | null) ?? {});

@ObjectType({ description: 'How good a party is to work with in one role, as of one instant, under one scoring policy version.' })
export class Rating {
  @Field(() => RoleValue)
  role!: string;

  @Field(() => InstantScalar)
  asOf!: string;

  @Field(() => String)
  policyVersion!: string;

  @Field(() => Float, { description: '0–100.' })
  score!: number;

  @Field(() => GradeValue)
  grade!: string;

  @Field(() => Float, { description: '0–1: how much evidence backs the score.' })
  confidence!: number;

  @Field(() => ConfidenceLevelValue)
  confidenceLevel!: string;

  @Field(() => Float, { description: '0–100, never above `score`: the confidence-adjusted score rankings order by.' })
  rankingScore!: number;

  @Field(() => [ComponentScore], { middleware: [componentList] })
  components!: ComponentScore[];

  @Field(() => [Flag])
  flags!: Flag[];

  @Field(() => [Reason], { description: 'The strongest reasons, retaliation always first.' })
  reasons!: Reason[];

  @Field(() => [OpenDispute])
  openDisputes!: OpenDispute[];

  @Field(() => [LegalActionRecord])
  legalActions!: LegalActionRecord[];

  @Field(() => Int, { description: 'Feedback about the party still sealed by the double-blind rule: counted, never shown.' })
  hiddenFeedback!: number;
}

@ObjectType({ description: 'How well one supplier and one client work for each other: high only when both sides are well served.' })
export class MutualFit {
  @Field(() => Float, { description: '0–100: the harmonic mean of the two directions.' })
  score!: number;

  @Field(() => GradeValue)
  grade!: string;

  @Field(() => Float, { description: "The weaker direction's confidence." })
  confidence!: number;

  @Field(() => Float)
  rankingScore!: number;

  @Field(() => Float, { description: 'How well the client serves this supplier (0–100).' })
  supplierViewOfClient!: number;

  @Field(() => Float, { description: 'How well the supplier serves this client (0–100).' })
  clientViewOfSupplier!: number;

  @Field(() => RoleValue, { nullable: true, description: 'The side that holds the fit back; null when both are within a point.' })
  weakerSide!: string | null;
}
