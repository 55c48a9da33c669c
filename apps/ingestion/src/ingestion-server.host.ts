import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type INestApplicationContext } from '@nestjs/common';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from '#libs/access';
import { listenIngestionGrpc, type RunningGrpcServer } from './grpc/ingestion-server';
import { EventIngestion } from './ingestion/event-ingestion';
import { ingestionServerOptionsFromEnv, type IngestionServerOptions } from './ingestion-config';

/**
 * Owns the gRPC server inside a Nest application context. It is a plain @grpc/grpc-js server rather than
 * @nestjs/microservices: StreamEvents needs the call itself (pause/resume for flow control, write-side
 * backpressure, ending with a status mid-stream), health and reflection are added to the same server as
 * ordinary grpc-js services, and the handlers are typed by the generated service definition.
 */
@Injectable()
export class IngestionServerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingestion');
  private running?: RunningGrpcServer;

  constructor(
    @Inject(CREDENTIAL_VERIFIER) private readonly verifier: CredentialVerifier,
    @Inject(EventIngestion) private readonly ingestion: EventIngestion,
  ) {}

  async listen(options: IngestionServerOptions): Promise<RunningGrpcServer> {
    if (this.running) throw new Error(`The ingestion server already listens on port ${this.running.port}`);
    this.running = await listenIngestionGrpc(
      {
        verifier: this.verifier,
        ingestion: this.ingestion,
        limits: options.limits,
        onInternalError: (error) => this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)),
      },
      options,
    );
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }
}

/**
 * Starts gRPC ingestion in any Nest application that imports `IngestionModule` (its own process, or the API's
 * when `npm start` serves both); it stops when the application closes.
 */
export const startIngestionServer = (
  app: INestApplicationContext,
  options: IngestionServerOptions = ingestionServerOptionsFromEnv(process.env),
): Promise<RunningGrpcServer> => app.get(IngestionServerHost, { strict: false }).listen(options);
