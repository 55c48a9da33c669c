import type { PGlite } from '@electric-sql/pglite';
import { StoreUnavailableError } from '../../event-store.errors';
import type { SqlClient, SqlStatement } from '../sql/sql-client';

/**
 * PGlite is one backend in this process: statements run strictly one after another, through one
 * queue, so `close` waits for whatever is running and nothing starts after it.
 */
export class PGliteSqlClient implements SqlClient {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly db: PGlite) {}

  query<Row>(statement: SqlStatement, values: readonly unknown[]): Promise<Row[]> {
    return this.serially(async () => (await this.db.query<Row>(statement.text, [...values])).rows);
  }

  runScript(script: string): Promise<void> {
    return this.serially(async () => {
      await this.db.exec(script);
    });
  }

  close(): Promise<void> {
    const closing = this.serially(() => this.db.close());
    this.closed = true;
    return closing;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('the PGlite database is closed'));
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
