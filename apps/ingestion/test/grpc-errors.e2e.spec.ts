import { credentials, status } from '@grpc/grpc-js';
import type { CredentialVerifier } from '#libs/access';
import { StoreUnavailableError } from '#libs/event-store';
import { IngestionServiceClient } from '../src/generated/rapport/ingestion/v1/ingestion';
import { listenIngestionGrpc, type RunningGrpcServer } from '../src/grpc/ingestion-server';
import { DEFAULT_STREAM_LIMITS } from '../src/grpc/stream-events.session';
import { EventIngestion } from '../src/ingestion/event-ingestion';
import type { IngestionRecorder } from '../src/ingestion/ingestion-recorder.port';
import { bearer, failureOf, invoicePaid, openStream, recordEvents } from './ingestion-e2e-support';

const verifier: CredentialVerifier = {
  verify: async () => ({ kind: 'partner', credentialId: 'c', partnerId: 'books_co', parties: ['acme'], eventTypes: 'all' }),
};

/** Failures below the domain, through a server whose recorder throws what the test says. */
describe('gRPC errors from below the domain', () => {
  let server: RunningGrpcServer;
  let client: IngestionServiceClient;
  let failure: Error;
  const logged: unknown[] = [];
  const recorder: IngestionRecorder = { record: () => Promise.reject(failure) };

  beforeAll(async () => {
    const deps = { verifier, ingestion: new EventIngestion(recorder), limits: DEFAULT_STREAM_LIMITS, onInternalError: (e: unknown) => logged.push(e) };
    server = await listenIngestionGrpc(deps, { port: 0, host: '127.0.0.1' });
    client = new IngestionServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  it('answers an unexpected failure as INTERNAL, logged but not disclosed', async () => {
    failure = new Error('relation "events" does not exist');

    const error = await failureOf(recordEvents(client, { events: [invoicePaid('a1')] }, bearer('k')));

    expect(error.code).toBe(status.INTERNAL);
    expect(error.details).toBe('internal error');
    expect(logged).toContain(failure);
  });

  it('answers an unavailable store as UNAVAILABLE, on RecordEvents and by ending a stream', async () => {
    failure = new StoreUnavailableError('connection refused');

    const unary = await failureOf(recordEvents(client, { events: [invoicePaid('b1')] }, bearer('k')));
    const stream = openStream(client, bearer('k'));
    stream.send(invoicePaid('b2'));

    expect(unary.code).toBe(status.UNAVAILABLE);
    expect((await stream.status).code).toBe(status.UNAVAILABLE);
    expect(stream.acks).toHaveLength(0);
  });
});
