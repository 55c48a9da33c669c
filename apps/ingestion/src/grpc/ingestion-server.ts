import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { IngestionServiceService } from '../generated/rapport/ingestion/v1/ingestion';
import { ingestionGrpcController, type IngestionGrpcDeps } from './ingestion.grpc-controller';

export const INGESTION_SERVICE_NAME = 'rapport.ingestion.v1.IngestionService';
const INGESTION_PROTO = 'rapport/ingestion/v1/ingestion.proto';
/** A full batch of 1,000 events with long comments exceeds grpc-js's default 4 MiB. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  /** PEM files: serve TLS instead of plaintext (API keys travel in metadata). */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

export interface RunningGrpcServer {
  readonly port: number;
  close(): Promise<void>;
}

/** The `proto/` folder, found upwards from here: the sources run from apps/…/src, the build from dist/apps/…/src. */
const protoRoot = (): string => {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'proto', INGESTION_PROTO))) return join(dir, 'proto');
    if (dirname(dir) === dir) throw new Error(`Cannot find proto/${INGESTION_PROTO} above ${__dirname}`);
  }
};

/** Reflection describes the ingestion contract and the health service, from their .proto sources. */
const reflection = (): ReflectionService => {
  const healthRoot = join(dirname(healthProtoPath), '..', '..');
  const definition = loadSync([INGESTION_PROTO, 'health/v1/health.proto'], { includeDirs: [protoRoot(), healthRoot] });
  return new ReflectionService(definition);
};

const credentials = (tls: ListenOptions['tls']): ServerCredentials =>
  tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) }])
    : ServerCredentials.createInsecure();

/** A grpc-js server with the ingestion service, standard health (`grpc.health.v1`) and server reflection. */
export const listenIngestionGrpc = async (deps: IngestionGrpcDeps, options: ListenOptions): Promise<RunningGrpcServer> => {
  const server = new Server({ 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES });
  server.addService(IngestionServiceService, ingestionGrpcController(deps));
  const health = new HealthImplementation({ '': 'SERVING', [INGESTION_SERVICE_NAME]: 'SERVING' });
  health.addToServer(server);
  reflection().addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host}:${options.port}`, credentials(options.tls), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    close: async () => {
      health.setStatus('', 'NOT_SERVING');
      health.setStatus(INGESTION_SERVICE_NAME, 'NOT_SERVING');
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), 5000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
};
