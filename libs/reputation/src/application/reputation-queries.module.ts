import { type DynamicModule, type InjectionToken, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { FindPartyHandler, GetPartyHandler } from './get-party/get-party.query';
import { GetPartyTimelineHandler } from './get-party-timeline/get-party-timeline.query';
import { GetRankingsHandler } from './get-rankings/get-rankings.query';
import { GetRelationshipHandler } from './get-relationship/get-relationship.query';
import { ListPartyRelationshipsHandler } from './list-party-relationships/list-party-relationships.query';
import { REPUTATION_READ_STORE } from './reputation-read-store';
import { ReputationReadsFactory } from './reputation-reads';
import { ScreenCandidateHandler } from './screen-candidate/screen-candidate.query';

const HANDLERS = [
  GetPartyHandler,
  FindPartyHandler,
  GetRelationshipHandler,
  ListPartyRelationshipsHandler,
  GetPartyTimelineHandler,
  GetRankingsHandler,
  ScreenCandidateHandler,
];

/** The reputation queries on the `QueryBus`, reading the `ReadStoreReader` the app provides under `reader`. */
@Module({})
export class ReputationQueriesModule {
  static forReader(reader: InjectionToken): DynamicModule {
    return {
      module: ReputationQueriesModule,
      imports: [CqrsModule],
      providers: [{ provide: REPUTATION_READ_STORE, useExisting: reader }, ReputationReadsFactory, ...HANDLERS],
      exports: [ReputationReadsFactory],
    };
  }
}
