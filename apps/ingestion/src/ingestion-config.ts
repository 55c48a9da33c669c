import { DEFAULT_STREAM_LIMITS, type StreamLimits } from './grpc/stream-events.session';
import type { ListenOptions } from './grpc/ingestion-server';

export interface IngestionServerOptions extends ListenOptions {
  readonly limits: StreamLimits;
}

const positiveInt = (env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min = 1): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}; got ${JSON.stringify(raw)}`);
  return value;
};

/**
 * INGESTION_PORT (default 50051; 0 picks a free port), INGESTION_HOST (default 127.0.0.1; 0.0.0.0 in a
 * container), INGESTION_TLS_CERT_FILE + INGESTION_TLS_KEY_FILE (PEM; plaintext without them), and the
 * StreamEvents limits INGESTION_STREAM_WINDOW, INGESTION_REVERIFY_EVENTS, INGESTION_REVERIFY_MS.
 */
export const ingestionServerOptionsFromEnv = (env: Readonly<Record<string, string | undefined>>): IngestionServerOptions => {
  const certFile = env.INGESTION_TLS_CERT_FILE?.trim();
  const keyFile = env.INGESTION_TLS_KEY_FILE?.trim();
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('Set both INGESTION_TLS_CERT_FILE and INGESTION_TLS_KEY_FILE, or neither');
  const window = positiveInt(env, 'INGESTION_STREAM_WINDOW', DEFAULT_STREAM_LIMITS.window);
  const { pipelined } = DEFAULT_STREAM_LIMITS;
  return {
    port: positiveInt(env, 'INGESTION_PORT', 50051, 0),
    host: env.INGESTION_HOST?.trim() || '127.0.0.1',
    ...(certFile && keyFile ? { tls: { certFile, keyFile } } : {}),
    limits: {
      window,
      maxBatch: Math.max(1, Math.min(DEFAULT_STREAM_LIMITS.maxBatch, Math.floor(window / pipelined))),
      pipelined,
      reverifyEveryEvents: positiveInt(env, 'INGESTION_REVERIFY_EVENTS', DEFAULT_STREAM_LIMITS.reverifyEveryEvents),
      reverifyEveryMs: positiveInt(env, 'INGESTION_REVERIFY_MS', DEFAULT_STREAM_LIMITS.reverifyEveryMs),
    },
  };
};
