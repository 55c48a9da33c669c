import type { Pool } from 'pg';
import { StoreUnavailableError } from '../../event-store.errors';
import type { SqlClient, SqlStatement } from '../sql/sql-client';

/** SQLSTATE classes and codes that mean "the server cannot serve us now", not "the request is wrong". */
const UNAVAILABLE_STATES = /^(08|53|57P0|3D000)/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error/i;

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly name?: unknown;
  readonly errors?: unknown;
}

// Duck-typed, not instanceof: errors raised inside Node's net module come from another realm under Jest.
const asErrorLike = (error: unknown): ErrorLike | null => (typeof error === 'object' && error !== null ? (error as ErrorLike) : null);

export const isConnectionFailure = (error: unknown): boolean => {
  const e = asErrorLike(error);
  if (!e) return false;
  if (typeof e.code === 'string' && (UNAVAILABLE_STATES.test(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
  if (Array.isArray(e.errors) && e.errors.some(isConnectionFailure)) return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
};

const describe = (error: ErrorLike): string => (typeof error.message === 'string' && error.message) || String(error.code ?? error.name);

export const toStoreError = (error: unknown): unknown =>
  isConnectionFailure(error) ? new StoreUnavailableError(describe(error as ErrorLike), error) : error;

/** Runs statements on a `pg` pool, each prepared once per connection under its name. */
export class PgSqlClient implements SqlClient {
  constructor(private readonly pool: Pool) {}

  async query<Row>(statement: SqlStatement, values: readonly unknown[]): Promise<Row[]> {
    try {
      const result = await this.pool.query({ name: statement.name, text: statement.text, values: [...values] });
      return result.rows as Row[];
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async runScript(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
