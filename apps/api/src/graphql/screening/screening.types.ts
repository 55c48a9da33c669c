import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ComponentNameValue, GradeValue, RoleValue } from '../common/enums';
import { CriterionValueScalar } from '../common/criterion-value.scalar';
import { InstantScalar } from '../common/instant.scalar';

@InputType()
export class ComponentMinimumInput {
  @Field(() => ComponentNameValue)
  component!: string;

  @Field(() => Float, { description: '0–1.' })
  min!: number;
}

@InputType({ description: "A party's own red velvet rope: what a prospective partner must show. Unset criteria are not checked." })
export class ScreeningCriteriaInput {
  @Field(() => RoleValue, { description: 'The role the candidate would play.' })
  role!: string;

  @Field(() => GradeValue, { nullable: true })
  minGrade?: string | null;

  @Field(() => Float, { nullable: true, description: '0–100.' })
  minScore?: number | null;

  @Field(() => Float, { nullable: true, description: '0–100.' })
  minRankingScore?: number | null;

  @Field(() => [ComponentMinimumInput], { nullable: true })
  minComponents?: ComponentMinimumInput[] | null;

  @Field(() => Int, { nullable: true })
  maxOpenDisputes?: number | null;

  @Field(() => Float, { nullable: true, description: '0–1.' })
  minConfidence?: number | null;

  @Field(() => Int, { nullable: true })
  noLegalActionWithinMonths?: number | null;

  @Field(() => Boolean, { nullable: true })
  noRetaliationFlag?: boolean | null;
}

@ObjectType()
export class ScreeningReason {
  @Field(() => String, { description: 'The criterion, e.g. minGrade or minComponent.punctuality.' })
  criterion!: string;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => CriterionValueScalar, { nullable: true, description: 'What the candidate shows; null without a record to check.' })
  actual!: string | number | boolean | null;

  @Field(() => CriterionValueScalar)
  required!: string | number | boolean;

  @Field(() => String)
  text!: string;
}

@ObjectType({ description: 'Whether a candidate passes the criteria, with every criterion checked and why.' })
export class ScreeningResult {
  @Field(() => ID, { name: 'candidateId' })
  partyId!: string;

  @Field(() => RoleValue)
  role!: string;

  @Field(() => InstantScalar)
  asOf!: string;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => [ScreeningReason])
  reasons!: ScreeningReason[];
}
