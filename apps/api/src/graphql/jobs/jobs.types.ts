import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DEFAULT_JOBS_LIMIT, MAX_JOBS_LIMIT } from '#libs/rankings';
import { InstantScalar } from '../common/instant.scalar';

/** GraphQL names are upper case; the values are BullMQ's own state names, which the embedded runner shares. */
export enum JobStateValue {
  WAITING = 'waiting',
  DELAYED = 'delayed',
  PRIORITIZED = 'prioritized',
  WAITING_CHILDREN = 'waiting-children',
  ACTIVE = 'active',
  COMPLETED = 'completed',
  FAILED = 'failed',
}
registerEnumType(JobStateValue, {
  name: 'JobState',
  description: 'Where a background job is in its life.',
  valuesMap: {
    DELAYED: { description: 'Waiting for its time: debounced, or retried after a failed attempt (with backoff).' },
    WAITING_CHILDREN: { description: 'A fanned-out run waiting for its chunks.' },
  },
});

@ObjectType({ description: 'How far a job has got: the phase it is in and how much of it is done.' })
export class JobProgress {
  @Field(() => Float, { description: '0 to 100, within the current phase.' })
  percent!: number;

  @Field(() => String, { nullable: true, description: 'read, trust, score, boards, ratings, refresh, reveal, planned.' })
  phase!: string | null;

  @Field(() => Int, { nullable: true })
  done!: number | null;

  @Field(() => Int, { nullable: true })
  total!: number | null;
}

@ObjectType({ description: 'One run of a background job (recompute-party, decay-sweep, recompute-rankings, propagate-trust, reveal-feedback).' })
export class JobRun {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => JobStateValue)
  state!: string;

  @Field(() => JobProgress, { nullable: true })
  progress!: JobProgress | null;

  @Field(() => Int, { description: 'Attempts made so far; a failed attempt is retried with exponential backoff.' })
  attempts!: number;

  @Field(() => InstantScalar)
  queuedAt!: string;

  @Field(() => InstantScalar, { nullable: true })
  startedAt!: string | null;

  @Field(() => InstantScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last failed attempt failed.' })
  error!: string | null;
}

@ArgsType()
export class JobsArgs {
  @Field(() => String, { nullable: true, description: 'Only runs of this job.' })
  name?: string | null;

  @Field(() => [JobStateValue], { nullable: true, description: 'Only runs in these states.' })
  states?: JobStateValue[] | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_JOBS_LIMIT, description: `How many runs, newest first, 1 to ${MAX_JOBS_LIMIT}.` })
  first?: number | null;
}
