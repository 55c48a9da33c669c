/** A statement with a stable name, so a driver that can prepares it once per connection. */
export interface SqlStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * The little the SQL event store needs from a PostgreSQL driver. Implementations map their
 * connection failures to `StoreUnavailableError` and return text, numbers and booleans only
 * (the statements cast everything else), so both drivers parse rows identically.
 */
export interface SqlClient {
  query<Row>(statement: SqlStatement, values: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements as one implicit transaction (simple query protocol, no parameters). */
  runScript(script: string): Promise<void>;
  close(): Promise<void>;
}
