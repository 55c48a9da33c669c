import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import type { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const PING = `
const net = require('node:net');
const { hostname, port } = new URL(process.argv[1]);
const socket = net.connect(Number(port || 6379), hostname || '127.0.0.1');
socket.setTimeout(1500, () => process.exit(1));
socket.on('error', () => process.exit(1));
socket.on('connect', () => socket.write('PING\\r\\n'));
socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));
`;

/** Whether Redis answers, asked synchronously: Jest decides what to skip while it collects the tests. */
const redisAnswers = (url: string): boolean => spawnSync(process.execPath, ['-e', PING, url], { timeout: 3000 }).status === 0;

/**
 * `describe` when the test Redis answers; otherwise a skipped suite whose title says why, and a warning in
 * the output, so a machine without Redis never passes these silently.
 */
export const describeWithRedis = (title: string, body: () => void): void => {
  if (redisAnswers(TEST_REDIS_URL)) return describe(title, body);
  const reason = `Redis does not answer at ${TEST_REDIS_URL} (set TEST_REDIS_URL, or start one: docker compose up -d redis)`;
  console.warn(`\n*** ${title}: SKIPPED — ${reason}. ***\n`);
  describe.skip(`${title} — SKIPPED: ${reason}`, () => {
    it('needs a Redis server', () => undefined);
  });
};

/** A key prefix no other test run uses. */
export const testPrefix = (label: string): string => `rapport-test-${label}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under a prefix: the projector's test helper, one for every Redis suite. */
export { deletePrefix } from '../../projector/test/redis-test-support';
