import { assertNever, type CommandContext, type Decider, type EventEnvelope, type Instant } from '#libs/shared-kernel';
import { CredentialAlreadyIssuedError, CredentialNotFoundError } from './credential.errors';
import type { CredentialEvent, CredentialGrant, CredentialId } from './credential.events';

export type CredentialCommand =
  | (CommandContext & {
      readonly type: 'IssueCredential';
      readonly data: { readonly credentialId: CredentialId; readonly grant: CredentialGrant; readonly secretHash: string };
    })
  | (CommandContext & { readonly type: 'RevokeCredential'; readonly data: { readonly credentialId: CredentialId } });

export interface Credential {
  readonly credentialId: CredentialId;
  readonly grant: CredentialGrant;
  readonly secretHash: string;
  readonly issuedAt: Instant;
  readonly revokedAt?: Instant;
}

/** What verifying, listing and revoking need: the credential as issued, and when it was revoked. */
export interface CredentialState {
  readonly credential?: Credential;
}

export const initialState: CredentialState = {};

export const evolve = (state: CredentialState, { event }: EventEnvelope<CredentialEvent>): CredentialState => {
  switch (event.type) {
    case 'CredentialIssued':
      return { credential: event.data };
    case 'CredentialRevoked':
      return state.credential ? { credential: { ...state.credential, revokedAt: event.data.revokedAt } } : state;
  }
};

/** A credential is issued once; revoking it again records nothing. */
export const decide = (command: CredentialCommand, state: CredentialState): CredentialEvent[] => {
  const { credentialId } = command.data;
  switch (command.type) {
    case 'IssueCredential':
      if (state.credential) throw new CredentialAlreadyIssuedError(`Credential ${credentialId} exists already`, { credentialId });
      return [{ type: 'CredentialIssued', data: { ...command.data, issuedAt: command.now } }];
    case 'RevokeCredential':
      if (!state.credential) throw new CredentialNotFoundError(`No credential ${credentialId}`, { credentialId });
      if (state.credential.revokedAt !== undefined) return [];
      return [{ type: 'CredentialRevoked', data: { credentialId, revokedAt: command.now } }];
    default:
      return assertNever(command);
  }
};

export const credentialDecider: Decider<CredentialCommand, CredentialEvent, CredentialState> = { initialState, evolve, decide };
