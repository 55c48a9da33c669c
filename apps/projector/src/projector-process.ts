import { createEventStore } from '#libs/event-store';
import { createRedisReadStore, jsonLogger, Projector, type Projection, type ProjectorLogger } from '#libs/projector';
import { projectorConfigFromEnv } from './projector-config';
import { projectionsNamed } from './projections';

/**
 * The projector as its own process: event store and Redis from the environment, every projection given
 * or those PROJECTIONS names, a lease per projection (so several processes can run: one works, the others
 * stand by; processes given different projections work side by side, on a core each). SIGTERM or SIGINT
 * stops it cleanly, handing its leases to a stand-by at once.
 */
export const runProjectorProcess = async (all: readonly Projection[], env: NodeJS.ProcessEnv): Promise<void> => {
  const logger = jsonLogger('projector');
  const config = projectorConfigFromEnv(env);
  const projections = config.projections === null ? all : projectionsNamed(config.projections, all);
  const store = await createEventStore(config.eventStore);
  const readStore = createRedisReadStore({ url: config.redisUrl, prefix: config.prefix, logger });
  const projector = new Projector({ store, readStore, projections, logger, leaseTtlMs: config.leaseTtlMs }).start();
  logger.info('projector started', {
    owner: projector.owner,
    eventStore: config.eventStore.adapter,
    prefix: config.prefix,
    projections: projections.map((projection) => `${projection.name}@${projection.version}`),
  });
  if (projections.length === 0) logger.warn('no projections registered: nothing to do');

  const lagTimer = config.lagLogIntervalMs > 0 ? setInterval(() => void logLag(projector, logger), config.lagLogIntervalMs) : null;
  lagTimer?.unref();
  let stopping: Promise<void> | null = null;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      logger.info('stopping', { signal });
      if (lagTimer) clearInterval(lagTimer);
      await projector.stop();
      await Promise.allSettled([readStore.close(), store.close()]);
      logger.info('stopped');
    })();
    return stopping;
  };
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal).then(resolve));
  });
};

const logLag = async (projector: Projector, logger: ProjectorLogger): Promise<void> => {
  try {
    logger.info('lag', { projections: await projector.lag() });
  } catch (error) {
    logger.warn('lag unavailable', { error });
  }
};
