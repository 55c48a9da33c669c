import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { SqlEventStore, type SqlEventStoreOptions } from '../sql/sql-event-store';
import type { SqlClient } from '../sql/sql-client';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { PGliteSqlClient } from './pglite-sql-client';

export type PGliteEventStoreOptions = SqlEventStoreOptions;

/**
 * The embedded event store: PostgreSQL compiled to WASM, in this process, on the same SQL as the
 * PostgreSQL adapter. `dataDir` is a directory (locked against other processes) or `memory://`.
 * Only this process can write, so in-process wakeups reach every subscriber and no NOTIFY is needed.
 */
export class PGliteEventStore extends SqlEventStore {
  private lock: DataDirLock | null = null;

  constructor(
    readonly dataDir: string,
    options: PGliteEventStoreOptions = {},
  ) {
    // Every append reaches subscribers through in-process wakeups; polling is only a safety net here.
    super({ pollIntervalMs: 1000, ...options });
  }

  protected override async connect(): Promise<SqlClient> {
    if (this.dataDir.startsWith('memory://')) return new PGliteSqlClient(await startPGlite(this.dataDir));
    const dir = resolve(this.dataDir);
    mkdirSync(dir, { recursive: true });
    const lock = lockDataDir(dir);
    try {
      const client = new PGliteSqlClient(await startPGlite(dir));
      this.lock = lock;
      return client;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  protected override async openStore(): Promise<void> {
    try {
      await super.openStore();
    } catch (error) {
      this.releaseLock();
      throw error;
    }
  }

  protected override async closeStore(): Promise<void> {
    try {
      await super.closeStore();
    } finally {
      this.releaseLock();
    }
  }

  private releaseLock(): void {
    this.lock?.release();
    this.lock = null;
  }
}

/**
 * PGlite runs no autovacuum, so its planner never gets statistics and, below a few tens of thousands
 * of events, picks a scan-and-sort of the whole log for every page. Every statement of this store is
 * built around an index, and the database is private to it: tell the planner so.
 */
const startPGlite = async (dataDir: string): Promise<PGlite> => {
  const db = await PGlite.create({ dataDir });
  await db.exec('SET enable_seqscan = off; SET enable_bitmapscan = off;');
  return db;
};
