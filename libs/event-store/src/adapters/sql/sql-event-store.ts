import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors';
import type { AppendResult, Direction, JsonObject, Position, RecordedEvent } from '../../event-store.port';
import type { AppendBatch } from '../shared/append-batch';
import { PagedEventStore, type PagedEventStoreOptions } from '../shared/paged-event-store';
import type { EventPage, NormalizedFilter, ScanPage } from '../shared/paging';
import { assertSchemaName, EXPECTED_CODES, eventStoreSchema } from './event-store-schema';
import { eventStoreStatements, type EventStoreStatements } from './event-store-statements';
import type { SqlClient } from './sql-client';

export interface SqlEventStoreOptions extends PagedEventStoreOptions {
  /** PostgreSQL schema holding the tables, so several stores can share a database. Default `event_store`. */
  readonly schema?: string;
  /** Longest wait for older transactions before `readAll`/`headPosition` read without them. Default 2 s. */
  readonly settleTimeoutMs?: number;
}

interface EventRow {
  commit: string;
  prepare: string;
  stream_id: string;
  revision: string;
  id: string;
  type: string;
  data: string | null;
  metadata: string | null;
  recorded_at: number;
}

interface ScanRow extends EventRow {
  matched: boolean;
  scanned: string;
}

interface AppendRow {
  outcome: 'appended' | 'idempotent' | 'wrong';
  revision: string;
  commit: string | null;
  prepare: string | null;
}

const FIRST = { commit: '0', prepare: '-1' };
const LAST = { commit: '18446744073709551615', prepare: '9223372036854775807' };

/** The event store over PostgreSQL's SQL, whichever driver runs it (pg, PGlite). */
export abstract class SqlEventStore extends PagedEventStore {
  protected readonly schema: string;
  private readonly statements: EventStoreStatements;
  private readonly settleTimeoutMs: number;
  private client: SqlClient | null = null;

  protected constructor(options: SqlEventStoreOptions = {}) {
    super(options);
    this.schema = options.schema ?? 'event_store';
    assertSchemaName(this.schema);
    this.statements = eventStoreStatements(this.schema);
    this.settleTimeoutMs = options.settleTimeoutMs ?? 2000;
  }

  protected abstract connect(): Promise<SqlClient>;

  /** Channel to NOTIFY after each append, for listeners in other processes; null for none. */
  protected notifyChannel(): string | null {
    return null;
  }

  protected override async openStore(): Promise<void> {
    const client = await this.connect();
    try {
      await client.runScript(eventStoreSchema(this.schema));
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  protected override async closeStore(): Promise<void> {
    await this.client?.close();
  }

  protected override async appendBatch(batch: AppendBatch): Promise<AppendResult> {
    const expected = typeof batch.expected === 'number' ? batch.expected : EXPECTED_CODES[batch.expected];
    const values = [
      batch.streamId,
      expected,
      JSON.stringify(batch.ids),
      JSON.stringify(batch.types),
      `[${batch.data.join(',')}]`,
      `[${batch.metadata.join(',')}]`,
      this.notifyChannel(),
    ];
    const [row] = await this.sql.query<AppendRow>(this.statements.append, values);
    if (row.outcome === 'wrong') {
      const actual = Number(row.revision);
      throw new WrongExpectedRevisionError(batch.streamId, batch.expected, actual < 0 ? 'no_stream' : actual);
    }
    return { nextExpectedRevision: Number(row.revision), position: toPosition(row.commit!, row.prepare!) };
  }

  protected override async readStreamPage(streamId: string, direction: Direction, from: number, limit: number): Promise<EventPage> {
    const rows = await this.sql.query<EventRow>(this.statements.readStream[direction], [streamId, from, limit]);
    return { events: rows.map(toEvent), bytes: payloadBytes(rows) };
  }

  protected override async scanAllPage(
    direction: Direction,
    boundary: Position | null,
    limit: number,
    filter: NormalizedFilter,
  ): Promise<ScanPage> {
    const edge = direction === 'forwards' ? FIRST : LAST;
    const values = [
      boundary?.commit.toString() ?? edge.commit,
      boundary?.prepare.toString() ?? edge.prepare,
      limit,
      filter.streamNamePrefixes?.map(likePrefix) ?? null,
      filter.eventTypes ?? null,
    ];
    const rows = await this.sql.query<ScanRow>(this.statements.scanAll[direction], values);
    const lastRow = rows.at(-1);
    return {
      events: rows.filter((row) => row.matched).map(toEvent),
      bytes: payloadBytes(rows),
      scanned: lastRow ? Number(lastRow.scanned) : 0,
      last: lastRow ? toPosition(lastRow.commit, lastRow.prepare) : null,
    };
  }

  protected override async readHeadPosition(): Promise<Position | null> {
    const [row] = await this.sql.query<{ commit: string; prepare: string }>(this.statements.head, []);
    return row ? toPosition(row.commit, row.prepare) : null;
  }

  /**
   * Gives read-your-writes to `readAll`: an append that returned may still sit above the horizon while
   * an older transaction runs. Wait (briefly, bounded) for the horizon to pass the newest event seen.
   */
  protected override async settle(): Promise<void> {
    const deadline = Date.now() + this.settleTimeoutMs;
    const read = async () => (await this.sql.query<{ newest: string | null; horizon: string }>(this.statements.newestAndHorizon, []))[0];
    const first = await read();
    if (first.newest === null) return;
    const newest = BigInt(first.newest);
    let horizon = BigInt(first.horizon);
    while (horizon <= newest && Date.now() < deadline) {
      await sleep(2);
      horizon = BigInt((await read()).horizon);
    }
  }

  private get sql(): SqlClient {
    if (!this.client) throw new StoreUnavailableError('the event store is not open');
    return this.client;
  }
}

const toPosition = (commit: string, prepare: string): Position => ({ commit: BigInt(commit), prepare: BigInt(prepare) });

const toEvent = (row: EventRow): RecordedEvent => ({
  id: row.id,
  type: row.type,
  streamId: row.stream_id,
  revision: Number(row.revision),
  position: toPosition(row.commit, row.prepare),
  data: JSON.parse(row.data!) as JsonObject,
  metadata: JSON.parse(row.metadata!) as JsonObject,
  recordedAt: new Date(row.recorded_at),
});

const payloadBytes = (rows: readonly EventRow[]): number =>
  rows.reduce((sum, row) => sum + (row.data?.length ?? 0) + (row.metadata?.length ?? 0), 0);

const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
