import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from '#libs/access';
import { ReputationQueriesModule, ReputationReadsFactory } from '#libs/reputation';
import { READ_STORE } from '../read-models/read-models.module';
import { apiContextFactory } from './context/api-context';
import { authenticationPlugin } from './context/authentication.plugin';
import { GraphQLExceptionFilter } from './errors/graphql-exception.filter';
import { formatGraphQLError } from './errors/graphql-errors';
import type { ApiLimits } from './limits/api-limits.config';
import { API_LIMITS, ApiLimitsModule } from './limits/api-limits.module';
import { QueryLimits } from './limits/query-limits';
import { queryLimitsPlugin } from './limits/query-limits.plugin';
import { CredentialsResolver } from './credentials/credentials.resolver';
import { JobsModule } from './jobs/jobs.module';
import { MeResolver } from './me/me.resolver';
import { PartyMutationsResolver } from './party/party.mutations.resolver';
import { PartyResolver } from './party/party.resolver';
import { RankingsResolver } from './rankings/rankings.resolver';
import { RelationshipMutationsResolver } from './relationship/relationship.mutations.resolver';
import { RelationshipResolver } from './relationship/relationship.resolver';
import { ReputationChangeFeed } from './reputation-changes/reputation-change.feed';
import { ReputationChangesResolver } from './reputation-changes/reputation-changes.resolver';
import { ScreeningResolver } from './screening/screening.resolver';
import { graphqlWsOptions } from './subscriptions/graphql-ws.options';
import { TimelineEntryResolver } from './timeline/timeline.resolver';
import { FactWriter } from './writes/fact-writer';

const reputationQueries = ReputationQueriesModule.forReader(READ_STORE);

/**
 * GraphQL, code first, on Apollo Server and Fastify at `/graphql` (and graphql-ws on the same path).
 * The schema is built in memory, sorted; `apps/api/schema.gql` is its committed print, which a test
 * keeps in step. One folder per area: queries in `<area>.resolver.ts`, mutations in
 * `<area>.mutations.resolver.ts` (through `FactWriter`), the subscription in `reputation-changes/`.
 * Needs `CREDENTIAL_VERIFIER` and `CredentialService` from a global module.
 */
@Module({
  imports: [
    CqrsModule,
    JobsModule,
    reputationQueries,
    ApiLimitsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [reputationQueries, ApiLimitsModule],
      inject: [CREDENTIAL_VERIFIER, ReputationReadsFactory, API_LIMITS, GraphQLSchemaHost],
      useFactory: (verifier: CredentialVerifier, reads: ReputationReadsFactory, limits: ApiLimits, schemaHost: GraphQLSchemaHost): ApolloDriverConfig => {
        const logger = new Logger('GraphQL');
        const formatError = formatGraphQLError({ error: (message, error) => logger.error(message, error instanceof Error ? error.stack : String(error)) });
        const queryLimits = new QueryLimits(limits.maxDepth, limits.maxComplexity);
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          includeStacktraceInErrorResponses: false,
          maxRecursiveSelections: true,
          context: apiContextFactory(verifier, reads),
          plugins: [authenticationPlugin, queryLimitsPlugin(queryLimits)],
          formatError,
          subscriptions: { 'graphql-ws': graphqlWsOptions(verifier, schemaHost, queryLimits, formatError) },
        };
      },
    }),
  ],
  providers: [
    { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
    PartyResolver,
    RelationshipResolver,
    TimelineEntryResolver,
    RankingsResolver,
    ScreeningResolver,
    MeResolver,
    FactWriter,
    PartyMutationsResolver,
    RelationshipMutationsResolver,
    CredentialsResolver,
    ReputationChangeFeed,
    ReputationChangesResolver,
  ],
})
export class GraphqlApiModule {}
