import { readdirSync, readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/**
 * CPU of this process, of the Redis server, and of PostgreSQL when it runs on this machine (else null):
 * seconds used so far from `readCpu`, µs per event between two readings from `cpuPerEvent`.
 */
export interface CpuSplit {
  readonly process: number;
  readonly redis: number;
  readonly postgres: number | null;
}

/** /proc/<pid>/stat counts in USER_HZ, which Linux fixes at 100 for /proc whatever the kernel's tick. */
const USER_HZ = 100;

/** The Redis server's CPU seconds so far (INFO cpu: its main thread and its background threads). */
export const redisCpu = async (redis: Redis): Promise<number> => {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
  return field('used_cpu_sys') + field('used_cpu_user');
};

/**
 * Every `postgres` process's CPU, including what exited backends left to the server's main process (its
 * children's time): null where /proc does not show a PostgreSQL server (another machine, another OS).
 */
export const localPostgresCpu = (): number | null => {
  let ticks = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
    // Fields after the command: state is field 3, so utime (14), stime, cutime, cstime (17) are 11 to 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    found = true;
  }
  return found ? ticks / USER_HZ : null;
};

/** This process's CPU seconds so far. */
export const processCpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export const readCpu = async (redis: Redis): Promise<CpuSplit> => ({ process: processCpu(), redis: await redisCpu(redis), postgres: localPostgresCpu() });

export const cpuPerEvent = (before: CpuSplit, after: CpuSplit, events: number): CpuSplit => {
  const us = (seconds: number) => Math.round((seconds * 1e6) / events);
  return {
    process: us(after.process - before.process),
    redis: us(after.redis - before.redis),
    postgres: before.postgres === null || after.postgres === null ? null : us(after.postgres - before.postgres),
  };
};
