import { eventStoreConfigFromEnv, type EventStoreConfig } from '#libs/event-store';
import { DEFAULT_READ_MODEL_PREFIX } from '#libs/projector';

export interface ProjectorConfig {
  readonly eventStore: EventStoreConfig;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly leaseTtlMs: number;
  /** How often the process logs its lag; 0 turns it off. */
  readonly lagLogIntervalMs: number;
  /** The projections this process runs, by name; null: every one. */
  readonly projections: readonly string[] | null;
}

const positiveInteger = (env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${name} must be a whole number of milliseconds; got ${JSON.stringify(raw)}`);
  return value;
};

/** PROJECTIONS: names separated by commas; unset or blank, every projection. */
const projectionNames = (raw: string | undefined): readonly string[] | null => {
  const names = (raw ?? '').split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  return names.length > 0 ? names : null;
};

/** EVENT_STORE (and what it needs), REDIS_URL, READ_MODEL_PREFIX, PROJECTOR_LEASE_TTL_MS, PROJECTOR_LAG_LOG_MS, PROJECTIONS. */
export const projectorConfigFromEnv = (env: Readonly<Record<string, string | undefined>>): ProjectorConfig => ({
  eventStore: eventStoreConfigFromEnv(env),
  redisUrl: env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
  prefix: env.READ_MODEL_PREFIX?.trim() || DEFAULT_READ_MODEL_PREFIX,
  leaseTtlMs: positiveInteger(env, 'PROJECTOR_LEASE_TTL_MS', 10_000) || 10_000,
  lagLogIntervalMs: positiveInteger(env, 'PROJECTOR_LAG_LOG_MS', 60_000),
  projections: projectionNames(env.PROJECTIONS),
});
