export * from './errors';
export * from './schema';
export * from './event-metadata';
