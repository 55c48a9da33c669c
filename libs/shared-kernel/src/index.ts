export * from './errors';
export * from './schema';
export * from './event-metadata';
export * from './command';
export * from './recorder';
export * from './decider';
export * from './upcasting';
export * from './recorded';
