export * from './domain/relationship.events';
