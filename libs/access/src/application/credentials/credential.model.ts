import type { StreamModel } from '../recording/stream-model';
import { evolve, initialState, type CredentialState } from '../../domain/credential.decider';
import type { CredentialEvent } from '../../domain/credential.events';
import { credentialEventSchemaVersion, upcastCredentialEvent } from '../../domain/credential.upcasters';

export const credentialModel: StreamModel<CredentialState, CredentialEvent> = {
  initialState,
  evolve,
  upcast: upcastCredentialEvent,
  schemaVersion: credentialEventSchemaVersion,
};
