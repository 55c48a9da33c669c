export * from './domain/party.events';
