import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { SqlEventStore, type Notifications, type SqlEventStoreOptions } from '../sql/sql-event-store';
import type { SqlClient } from '../sql/sql-client';
import { PgSqlClient } from './pg-sql-client';

export interface PostgresEventStoreOptions extends SqlEventStoreOptions {
  /** Connections in the pool, one of which LISTENs once a subscription runs. Default 10; NOTIFYs take one more. */
  readonly poolSize?: number;
  /**
   * NOTIFY once appends commit and LISTEN while subscribed, so subscriptions in other processes wake at
   * once rather than at their next poll. Default true.
   */
  readonly notify?: boolean;
  /**
   * Shortest time between two NOTIFYs from this store: during a burst of appends, one per interval tells of
   * them all, so a listener hears of an append at most about this long after its commit (an append after a
   * quiet spell, at once). 0: one per append, as soon as the previous has gone. Default 10 ms.
   */
  readonly notifyIntervalMs?: number;
}

/** The event store on a PostgreSQL server (13 or later: xid8 and pg_current_snapshot). */
export class PostgresEventStore extends SqlEventStore {
  private readonly poolConfig: PoolConfig;
  private readonly notify: boolean;
  private readonly notifyIntervalMs: number;
  private pool: Pool | null = null;
  private listener: PoolClient | null = null;
  private listening: Promise<void> | null = null;

  constructor(connectionString: string, options: PostgresEventStoreOptions = {}) {
    super(options);
    this.notify = options.notify ?? true;
    this.notifyIntervalMs = options.notifyIntervalMs ?? 10;
    this.poolConfig = { connectionString, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 };
  }

  /** A pool per attempt to open: one that failed to prepare the schema is ended, and a retry starts afresh. */
  protected override async connect(): Promise<SqlClient> {
    const pool = new Pool(this.poolConfig);
    // An idle connection dropped by the server would otherwise crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    this.pool = pool;
    return new PgSqlClient(pool);
  }

  protected override notifications(): Notifications | null {
    if (!this.notify) return null;
    // A pool of one rather than a bare client: it reconnects by itself after the server dropped it.
    const pool = new Pool({ ...this.poolConfig, max: 1 });
    pool.on('error', () => undefined);
    return { channel: this.channel, intervalMs: this.notifyIntervalMs, client: new PgSqlClient(pool) };
  }

  private get channel(): string {
    return `${this.schema}_appended`;
  }

  protected override followOtherWriters(): Promise<void> {
    if (!this.notify) return Promise.resolve();
    // Polling still finds every event if this fails; the next subscription tries to listen again.
    this.listening ??= this.listen().catch(() => this.dropListener());
    return this.listening;
  }

  protected override async closeStore(): Promise<void> {
    await this.listening;
    this.dropListener();
    await super.closeStore();
  }

  private async listen(): Promise<void> {
    if (!this.pool) return;
    const client = await this.pool.connect();
    this.listener = client;
    client.on('notification', () => this.wakeup.notify());
    client.on('error', () => this.dropListener());
    await client.query(`LISTEN ${this.channel}`);
  }

  private dropListener(): void {
    const client = this.listener;
    this.listener = null;
    this.listening = null;
    client?.release(true);
  }
}
