import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Relay page information. Cursors are opaque: pass `endCursor` back as `after` for the next page.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
