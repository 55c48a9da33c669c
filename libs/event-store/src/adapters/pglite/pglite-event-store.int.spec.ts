import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../event-store.errors';
import { describeEventStoreContract } from '../../contract/event-store.contract';
import { describeWrittenPositions } from '../../contract/written-positions.contract';
import { LOCK_FILE_NAME } from './data-dir-lock';
import { PGliteEventStore } from './pglite-event-store';

describeEventStoreContract('PGlite', async () => {
  const store = new PGliteEventStore('memory://');
  await store.open();
  return store;
});

describeWrittenPositions('PGlite', async () => {
  const store = new PGliteEventStore('memory://');
  await store.open();
  return store;
});

describe('PGlite data directory lock', () => {
  let root: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rapport-pglite-lock-'));
  });

  afterAll(() => {
    for (const child of children) child.kill();
    rmSync(root, { recursive: true, force: true });
  });

  const otherProcess = async (): Promise<ChildProcess> => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(child);
    await once(child, 'spawn');
    return child;
  };

  it('refuses at once a directory that another live process holds, naming it', async () => {
    const dir = join(root, 'held');
    const holder = await otherProcess();
    mkdirSync(dir);
    writeFileSync(join(dir, LOCK_FILE_NAME), String(holder.pid));
    const startedAt = Date.now();
    const error = await new PGliteEventStore(dir).open().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(`PGlite data directory ${dir} is already in use by process ${holder.pid}`);
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(String(holder.pid));
  });

  it('takes over the lock of a process that is gone, refuses a second open, and releases the lock on close', async () => {
    const dir = join(root, 'stale');
    const gone = await otherProcess();
    gone.kill();
    await once(gone, 'exit');
    mkdirSync(dir);
    writeFileSync(join(dir, LOCK_FILE_NAME), String(gone.pid));

    const store = new PGliteEventStore(dir);
    await store.open();
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(String(process.pid));
    await expect(new PGliteEventStore(dir).open()).rejects.toThrow(`PGlite data directory ${dir} is already in use by process ${process.pid}`);
    await store.close();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);

    const reopened = new PGliteEventStore(dir);
    await reopened.open();
    await reopened.close();
  });
});
