export * from './principal';
export * from './access.errors';
export * from './access.module';
export { actorFor, idempotencyScopeOf, type ActingRequest } from './application/acting/actor-for';
export { ClockModule } from './application/recording/clock.module';
export { IdempotencyKeyReusedError, requestHashOf, requireValidKey } from './application/recording/idempotency';
export { ConcurrencyConflictError } from './application/recording/recording.errors';
export { StreamRecorder, type StreamRecorderOptions } from './application/recording/stream-recorder';
export type {
  FactPlan,
  FactRefusal,
  IdempotencyClaim,
  PlannedFact,
  RefusedFact,
  StreamModel,
  StreamOutcome,
} from './application/recording/stream-model';
export { CredentialService, type CredentialSummary, type IssuedCredential } from './application/credentials/credential.service';
export { EventStoreCredentialVerifier } from './application/credentials/credential-verifier';
export { CredentialGrant, CredentialId, PartnerId } from './domain/credential.events';
export { CredentialAlreadyIssuedError, CredentialNotFoundError } from './domain/credential.errors';
export { CREDENTIAL_STREAM_PREFIX, credentialStreamId } from './domain/credential.stream-id';
export {
  factPlanner,
  planFact,
  type CommandCatalogue,
  type CommandInput,
  type FactInput,
  type RequestContext,
} from './application/recording/plan-fact';
