import type { CredentialId } from './credential.events';

/** Not `party-` nor `relationship-`: reputation projections never read credentials. */
const PREFIX = 'credential-';

export const CREDENTIAL_STREAM_PREFIX = PREFIX;

export const credentialStreamId = (credentialId: CredentialId): string => `${PREFIX}${credentialId}`;
