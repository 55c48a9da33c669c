import { credentials, Metadata, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { CredentialService, type CredentialGrant } from '#libs/access';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#libs/event-store';
import {
  Event,
  IngestionServiceClient,
  type RecordEventsRequest,
  type RecordEventsResponse,
  type StreamEventsResponse,
} from '../src/generated/rapport/ingestion/v1/ingestion';
import { IngestionAppModule } from '../src/ingestion-app.module';
import { startIngestionServer } from '../src/ingestion-server.host';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from '../src/grpc/stream-events.session';
import type { RunningGrpcServer } from '../src/grpc/ingestion-server';

export const SUPPLIER = 'acme';
export const CLIENT = 'globex';
export const OTHER_CLIENT = 'initech';

/** Ingestion on the in-memory event store, listening on a free port, with a real grpc-js client. */
export interface Harness {
  readonly app: INestApplicationContext;
  readonly server: RunningGrpcServer;
  readonly address: string;
  readonly client: IngestionServiceClient;
  readonly store: EventStore;
  readonly credentials: CredentialService;
  issueKey(grant?: Partial<Extract<CredentialGrant, { kind: 'partner' }>>): Promise<{ secret: string; credentialId: string }>;
  revoke(credentialId: string): Promise<void>;
  relationshipEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export const startHarness = async (limits: Partial<StreamLimits> = {}): Promise<Harness> => {
  process.env.EVENT_STORE = 'memory';
  const app = await NestFactory.createApplicationContext(IngestionAppModule, { logger: false });
  const server = await startIngestionServer(app, { port: 0, host: '127.0.0.1', limits: { ...DEFAULT_STREAM_LIMITS, ...limits } });
  const address = `127.0.0.1:${server.port}`;
  const client = new IngestionServiceClient(address, credentials.createInsecure());
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const credentialsService = app.get(CredentialService, { strict: false });
  return {
    app,
    server,
    address,
    client,
    store,
    credentials: credentialsService,
    issueKey: async (grant = {}) => {
      const issued = await credentialsService.issue({
        kind: 'partner',
        partnerId: 'books_co',
        parties: [SUPPLIER, CLIENT, OTHER_CLIENT],
        eventTypes: 'all',
        ...grant,
      });
      return { secret: issued.secret, credentialId: issued.credentialId };
    },
    revoke: async (credentialId) => void (await credentialsService.revoke(credentialId)),
    relationshipEvents: async () => {
      const events: RecordedEvent[] = [];
      for await (const event of store.readAll({ filter: { streamNamePrefixes: ['relationship-'] } })) events.push(event);
      return events;
    },
    close: async () => {
      client.close();
      await app.close();
      delete process.env.EVENT_STORE;
    },
  };
};

export const bearer = (secret: string): Metadata => {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${secret}`);
  return metadata;
};

export const recordEvents = (client: IngestionServiceClient, request: RecordEventsRequest, metadata: Metadata): Promise<RecordEventsResponse> =>
  new Promise((resolve, reject) => client.recordEvents(request, metadata, (error, response) => (error ? reject(error) : resolve(response))));

/** The call's error, or a failure when it succeeded. */
export const failureOf = async (call: Promise<unknown>): Promise<ServiceError> => {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
};

interface InRelationship {
  readonly supplierId?: string;
  readonly clientId?: string;
  readonly onBehalfOf?: string;
}

const envelope = (externalId: string, at: InRelationship) => ({
  externalId,
  supplierId: at.supplierId ?? SUPPLIER,
  clientId: at.clientId ?? CLIENT,
  onBehalfOf: at.onBehalfOf ?? at.supplierId ?? SUPPLIER,
});

export const invoicePaid = (externalId: string, invoiceId = externalId, at: InRelationship = {}, amount = 1250): Event =>
  Event.fromPartial({
    ...envelope(externalId, at),
    kind: {
      $case: 'invoicePaid',
      value: { invoiceId, amount, currency: 'EUR', dueAt: '2026-03-01T00:00:00Z', paidAt: '2026-02-27T10:15:00Z' },
    },
  });

export const engagementStarted = (externalId: string, engagementId: string, at: InRelationship = {}): Event =>
  Event.fromPartial({
    ...envelope(externalId, at),
    kind: { $case: 'engagementStarted', value: { engagementId, paymentTermsDays: 30, startedAt: '2026-01-05T09:00:00Z' } },
  });

export const disputeResolved = (externalId: string, disputeId: string, at: InRelationship = {}): Event =>
  Event.fromPartial({
    ...envelope(externalId, at),
    kind: { $case: 'disputeResolved', value: { disputeId, outcome: 1, resolvedAt: '2026-02-01T00:00:00Z' } },
  });

/** A StreamEvents call with its acks collected as they come and its final status. */
export interface OpenStream {
  readonly acks: StreamEventsResponse[];
  send(event: Event): boolean;
  /** Resolves once `count` acks arrived; rejects if the stream ends first. */
  acked(count: number): Promise<void>;
  /** Half-closes and resolves with the final status. */
  finish(): Promise<StatusObject>;
  readonly status: Promise<StatusObject>;
  cancel(): void;
}

export const openStream = (client: IngestionServiceClient, metadata: Metadata): OpenStream => {
  const call = client.streamEvents(metadata);
  const acks: StreamEventsResponse[] = [];
  const waiters: { count: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  const status = new Promise<StatusObject>((resolve) => call.on('status', resolve));
  call.on('error', () => undefined);
  call.on('data', (ack: StreamEventsResponse) => {
    acks.push(ack);
    for (const w of waiters.filter((w) => acks.length >= w.count)) w.resolve();
  });
  void status.then((s) => {
    for (const w of waiters) if (acks.length < w.count) w.reject(new Error(`stream ended (${s.code} ${s.details}) after ${acks.length} acks`));
  });
  return {
    acks,
    send: (event) => call.write({ event }),
    acked: (count) => (acks.length >= count ? Promise.resolve() : new Promise((resolve, reject) => waiters.push({ count, resolve, reject }))),
    finish: () => {
      call.end();
      return status;
    },
    status,
    cancel: () => call.cancel(),
  };
};
