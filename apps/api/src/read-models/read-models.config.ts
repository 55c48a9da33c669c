import { DEFAULT_READ_MODEL_PREFIX } from '#libs/projector';

export type ReadModelsConfig =
  | { readonly mode: 'memory' }
  | { readonly mode: 'redis'; readonly redisUrl: string; readonly prefix: string };

/** Thrown at start when READ_MODELS names neither mode. */
export class ReadModelsConfigError extends Error {
  override readonly name = 'ReadModelsConfigError';
}

const EMBEDDED_STORES = ['pglite', 'memory'];

/**
 * READ_MODELS=memory: this process projects the log into memory (rebuilt at every start). READ_MODELS=redis:
 * it reads what `apps/projector` writes to REDIS_URL. Unset: memory on an embedded event store (PGlite,
 * the default, or memory) with no REDIS_URL — one process, no server to install — and redis otherwise.
 */
export const readModelsConfigFromEnv = (env: Readonly<Record<string, string | undefined>>): ReadModelsConfig => {
  const chosen = env.READ_MODELS?.trim();
  const redisUrl = env.REDIS_URL?.trim();
  const embeddedStore = EMBEDDED_STORES.includes(env.EVENT_STORE?.trim() || 'pglite');
  const mode = chosen || (embeddedStore && !redisUrl ? 'memory' : 'redis');
  if (mode === 'memory') return { mode };
  if (mode === 'redis') return { mode, redisUrl: redisUrl || 'redis://127.0.0.1:6379', prefix: env.READ_MODEL_PREFIX?.trim() || DEFAULT_READ_MODEL_PREFIX };
  throw new ReadModelsConfigError(`READ_MODELS must be memory or redis; got ${JSON.stringify(chosen)}`);
};
