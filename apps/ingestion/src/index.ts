/** What another app (the API, the CLI) takes from partner ingestion. */
export { IngestionModule } from './ingestion.module';
export { IngestionServerHost, startIngestionServer } from './ingestion-server.host';
export { ingestionServerOptionsFromEnv, type IngestionServerOptions } from './ingestion-config';
export type { RunningGrpcServer } from './grpc/ingestion-server';
export { IMPORT_USAGE, runImport, type ImportIo } from './import/run-import';
export { IngestionAppModule, ingestionModuleOn } from './ingestion-app.module';
