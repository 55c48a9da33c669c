import { createEventUpcaster, type EventVersionRegistry } from '#libs/shared-kernel';
import { credentialEventSchemas, type CredentialEvent, type CredentialEventType } from './credential.events';

export const credentialEventVersions: EventVersionRegistry<CredentialEventType> = {
  CredentialIssued: { current: 1 },
  CredentialRevoked: { current: 1 },
};

const upcaster = createEventUpcaster('ACCESS', credentialEventSchemas, credentialEventVersions);

export const upcastCredentialEvent = (type: string, schemaVersion: number, data: unknown): CredentialEvent =>
  upcaster.upcast(type, schemaVersion, data);

export const credentialEventSchemaVersion = (type: CredentialEventType): number => upcaster.currentVersion(type);
