import { randomUUID } from 'node:crypto';
import type { EventStore } from '#libs/event-store';
import { parseCommand, type Clock, type CommandContext, type Instant } from '#libs/shared-kernel';
import { decide, evolve, initialState, type Credential, type CredentialCommand } from '../../domain/credential.decider';
import { CredentialGrant, CredentialId, type CredentialEvent } from '../../domain/credential.events';
import { CREDENTIAL_STREAM_PREFIX, credentialStreamId } from '../../domain/credential.stream-id';
import { envelopeOf } from '../recording/load-stream';
import { StreamRecorder } from '../recording/stream-recorder';
import { hashSecret, newCredentialId, newSecret } from './credential-secret';
import { credentialModel } from './credential.model';

export interface IssuedCredential {
  readonly credentialId: CredentialId;
  /** `rpt_<credentialId>_<secret>`: shown this once, never stored, never recoverable. */
  readonly secret: string;
  readonly grant: CredentialGrant;
  readonly issuedAt: Instant;
}

/** A credential as listed: never its secret, nor its hash. */
export interface CredentialSummary {
  readonly credentialId: CredentialId;
  readonly grant: CredentialGrant;
  readonly issuedAt: Instant;
  readonly revokedAt?: Instant;
}

const summaryOf = ({ secretHash: _hash, ...summary }: Credential): CredentialSummary => summary;

/** Issues, revokes and lists credentials, each an event stream of its own. Callers are trusted operators (CLI, admin). */
export class CredentialService {
  private readonly recorder: StreamRecorder;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {
    this.recorder = new StreamRecorder(store);
  }

  /** Throws a `CommandValidationError` (`ACCESS.INVALID_GRANT`) for a malformed grant. */
  async issue(grant: CredentialGrant): Promise<IssuedCredential> {
    const valid = parseCommand(CredentialGrant, grant, 'ACCESS.INVALID_GRANT');
    const credentialId = newCredentialId();
    const secret = newSecret(credentialId);
    const context = this.context();
    const command: CredentialCommand = { ...context, type: 'IssueCredential', data: { credentialId, grant: valid, secretHash: hashSecret(secret) } };
    await this.run(command);
    return { credentialId, secret, grant: valid, issuedAt: context.now };
  }

  /** True when this call revoked it, false when it was revoked already; `CredentialNotFoundError` when unknown. */
  async revoke(credentialId: string): Promise<boolean> {
    const id = parseCommand(CredentialId, credentialId, 'ACCESS.INVALID_CREDENTIAL_ID');
    const recorded = await this.run({ ...this.context(), type: 'RevokeCredential', data: { credentialId: id } });
    return recorded.eventIds.length > 0;
  }

  /** Every credential ever issued, revoked ones included, oldest first. */
  async list(): Promise<CredentialSummary[]> {
    const states = new Map<string, ReturnType<typeof evolve>>();
    for await (const recorded of this.store.readAll({ filter: { streamNamePrefixes: [CREDENTIAL_STREAM_PREFIX] } })) {
      const envelope = envelopeOf<CredentialEvent>(recorded, credentialModel);
      states.set(recorded.streamId, evolve(states.get(recorded.streamId) ?? initialState, envelope));
    }
    return [...states.values()].flatMap(({ credential }) => (credential ? [summaryOf(credential)] : []));
  }

  private context(): CommandContext {
    return { now: this.clock.now(), actor: { kind: 'system' }, correlationId: randomUUID() };
  }

  private run(command: CredentialCommand) {
    const streamId = credentialStreamId(command.data.credentialId);
    return this.recorder.recordOne(streamId, credentialModel, { kind: 'planned', context: command, decide: (state) => decide(command, state) });
  }
}
