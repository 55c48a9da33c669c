export * from './domain/relationship.events';
export * from './domain/relationship.occurred-at';
export * from './domain/relationship.commands';
export * from './domain/relationship.errors';
export * from './domain/relationship.upcasters';
export * from './domain/relationship.stream-id';
export {
  DEFAULT_RELATIONSHIP_RULES,
  relationshipDecider,
  decide as decideRelationship,
  evolve as evolveRelationship,
  initialState as initialRelationshipState,
  type RelationshipRules,
} from './domain/relationship.decider';
export type { RelationshipState } from './domain/relationship.state';
export {
  RELATIONSHIP_COMMAND_RECORDS,
  relationshipCatalogue,
  relationshipStreamModel,
  type RelationshipCommandInput,
  type RelationshipFactInput,
} from './application/relationship-recording';
export {
  RecordRelationshipFacts,
  RecordRelationshipFactsHandler,
} from './application/record-facts/record-relationship-facts';
export { RecordRelationshipFact, RecordRelationshipFactHandler } from './application/record-facts/record-relationship-fact';
export { RelationshipsModule } from './application/relationships.module';
