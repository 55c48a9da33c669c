import { randomUUID } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import type { CredentialVerifier } from '#libs/access';
import { isRapportError } from '#libs/shared-kernel';
import type { IngestionServiceServer } from '../generated/rapport/ingestion/v1/ingestion';
import type { EventIngestion } from '../ingestion/event-ingestion';
import { apiKeyOf, authenticate } from './authenticate';
import { toServiceError } from './grpc-status';
import { StreamEventsSession, type StreamLimits } from './stream-events.session';

export interface IngestionGrpcDeps {
  readonly verifier: CredentialVerifier;
  readonly ingestion: EventIngestion;
  readonly limits: StreamLimits;
  /** Errors that are not Rapport's own: logged here, answered as INTERNAL without their details. */
  readonly onInternalError: (error: unknown) => void;
}

const CORRELATION_ID_HEADER = 'x-correlation-id';

/** The caller's correlation id when it sends one (up to 128 characters), else a fresh one. */
const correlationIdOf = (metadata: Metadata): string => {
  const sent = metadata.get(CORRELATION_ID_HEADER)[0];
  return typeof sent === 'string' && sent.length > 0 && sent.length <= 128 ? sent : randomUUID();
};

/** Translates calls into `EventIngestion` and its answers and errors back; no decision is taken here. */
export const ingestionGrpcController = ({ verifier, ingestion, limits, onInternalError }: IngestionGrpcDeps): IngestionServiceServer => {
  const failed = (error: unknown) => {
    if (!isRapportError(error)) onInternalError(error);
    return toServiceError(error);
  };
  return {
    recordEvents: (call, callback) => {
      const run = async () => {
        const principal = await authenticate(verifier, apiKeyOf(call.metadata));
        const ctx = { partnerId: principal.partnerId, now: new Date().toISOString(), correlationId: correlationIdOf(call.metadata) };
        return { results: await ingestion.recordBatch(principal, call.request.events, ctx) };
      };
      run().then(
        (response) => callback(null, response),
        (error: unknown) => callback(failed(error)),
      );
    },
    streamEvents: (call) => {
      const apiKey = apiKeyOf(call.metadata);
      authenticate(verifier, apiKey).then(
        (principal) => new StreamEventsSession(call, principal, apiKey ?? '', verifier, ingestion, limits, onInternalError),
        (error: unknown) => call.emit('error', failed(error)),
      );
    },
  };
};
