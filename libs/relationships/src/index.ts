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
