import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../event-store.errors';

/**
 * PGlite happily opens a data directory another process is using, and both then corrupt it.
 * A lock file holding the owner's pid prevents that; a lock whose process is gone is taken over.
 */
export const LOCK_FILE_NAME = 'rapport-event-store.lock';

export interface DataDirLock {
  release(): void;
}

/** Paths this process holds, so that a lock carrying our own pid (a restarted container is pid 1 again) is told apart. */
const heldHere = new Set<string>();

export const lockDataDir = (dir: string): DataDirLock => {
  const path = join(dir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(path)) {
      heldHere.add(path);
      return { release: () => release(path) };
    }
    const holder = readHolder(path);
    if (holder !== null && isAlive(holder) && (holder !== process.pid || heldHere.has(path))) {
      throw new StoreUnavailableError(
        `PGlite data directory ${dir} is already in use by process ${holder} (lock file ${path}; delete it only if that process is not Rapport)`,
      );
    }
    takeOverStale(path, holder);
  }
  throw new StoreUnavailableError(`could not lock PGlite data directory ${dir}: its lock file ${path} keeps changing`);
};

/** Creates the lock with its content in one step (a hard link fails if the name exists), so no reader sees it empty. */
const tryCreate = (path: string): boolean => {
  const draft = `${path}.${process.pid}.${Date.now()}`;
  writeFileSync(draft, String(process.pid));
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
};

const readHolder = (path: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Two processes may find the same stale lock; a guard file makes the removal happen once, and the
 * holder is re-read under the guard so nobody deletes a lock that a faster process just took.
 */
const takeOverStale = (path: string, stalePid: number | null): void => {
  const guard = `${path}.takeover`;
  if (!tryCreate(guard)) {
    removeIfAbandoned(guard);
    return;
  }
  try {
    if (readHolder(path) === stalePid) unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    unlinkSync(guard);
  }
};

const removeIfAbandoned = (guard: string): void => {
  try {
    if (Date.now() - statSync(guard).mtimeMs > 10_000) unlinkSync(guard);
  } catch {
    // Gone already: whoever held it finished.
  }
};

const release = (path: string): void => {
  if (!heldHere.delete(path)) return;
  try {
    if (readHolder(path) === process.pid) unlinkSync(path);
  } catch {
    // Already removed: nothing to release.
  }
};
