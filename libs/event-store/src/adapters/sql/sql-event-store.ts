import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors';
import type { AppendResult, Direction, JsonObject, Position, RecordedEvent } from '../../event-store.port';
import type { AppendBatch } from '../shared/append-batch';
import { PagedEventStore, type PagedEventStoreOptions } from '../shared/paged-event-store';
import type { EventPage, NormalizedFilter, ScanPage } from '../shared/paging';
import { assertSchemaName, EXPECTED_CODES, eventStoreSchema } from './event-store-schema';
import { eventStoreStatements, type EventStoreStatements } from './event-store-statements';
import type { SqlClient } from './sql-client';
import { AppendAnnouncer } from './append-announcer';

export interface SqlEventStoreOptions extends PagedEventStoreOptions {
  /** PostgreSQL schema holding the tables, so several stores can share a database. Default `event_store`. */
  readonly schema?: string;
  /** Longest wait for older transactions before `readAll`/`headPosition` read without them. Default 2 s. */
  readonly settleTimeoutMs?: number;
}

export interface Notifications {
  readonly channel: string;
  /** Shortest time between two NOTIFYs; appends within it share one. */
  readonly intervalMs: number;
  /**
   * Where the NOTIFYs go: a connection of their own. Taken from the appends' pool, a NOTIFY would leave
   * its connection first in line, and appends would hop from one server process to another, which cost
   * several percent of append throughput in side-by-side runs.
   */
  readonly client: SqlClient;
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

/** One event the fast path wrote: its `seq`, and the writing transaction on the first event's row. */
interface WrittenRow {
  prepare: string;
  commit: string | null;
}

/** Reruns after a unique violation before giving up; retries queue on a per-stream lock, so one or two suffice. */
const MAX_COLLISIONS = 10;

/**
 * While `retry` holds, turns a collision on (stream_id, revision) into "no row: run the append again";
 * rethrows anything else. Duck-typed: pg and PGlite both report SQLSTATE and constraint on their errors.
 */
const collision =
  (retry: boolean) =>
  (error: unknown): never[] => {
    const e = error as { code?: unknown; constraint?: unknown } | null;
    if (!retry || e?.code !== '23505' || e.constraint !== 'events_stream_revision_key') throw error;
    return [];
  };

const FIRST = { commit: '0', prepare: '-1' };
const LAST = { commit: '18446744073709551615', prepare: '9223372036854775807' };

/** The event store over PostgreSQL's SQL, whichever driver runs it (pg, PGlite). */
export abstract class SqlEventStore extends PagedEventStore {
  protected readonly schema: string;
  private readonly statements: EventStoreStatements;
  private readonly settleTimeoutMs: number;
  private client: SqlClient | null = null;
  private announcer: AppendAnnouncer | null = null;
  private announcerClient: SqlClient | null = null;

  protected constructor(options: SqlEventStoreOptions = {}) {
    super(options);
    this.schema = options.schema ?? 'event_store';
    assertSchemaName(this.schema);
    this.statements = eventStoreStatements(this.schema);
    this.settleTimeoutMs = options.settleTimeoutMs ?? 2000;
  }

  protected abstract connect(): Promise<SqlClient>;

  /**
   * Where to NOTIFY listeners in other processes once appends commit, and how often at most; null for
   * never. Called once the store has opened; the store closes the client it returns.
   */
  protected notifications(): Notifications | null {
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
    const notifications = this.notifications();
    if (notifications) {
      this.announcer = new AppendAnnouncer(() => notifications.client.query(this.statements.announce, [notifications.channel]), notifications.intervalMs);
      this.announcerClient = notifications.client;
    }
  }

  protected override async closeStore(): Promise<void> {
    await this.announcer?.idle();
    await this.announcerClient?.close();
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
    ];
    if (expected >= EXPECTED_CODES.no_stream) {
      const written = await this.sql.query<WrittenRow>(this.statements.appendAtRevision, values).catch(collision(true));
      if (written.length > 0) return this.appended(writtenResult(written, expected));
    }
    let [row] = await this.sql.query<AppendRow>(this.statements.append, values).catch(collision(true));
    // A concurrent writer took a revision this append computed: run it again, now judged against what
    // that writer stored (see event-store-schema.ts). Each collision means another append went in.
    for (let attempt = 1; !row; attempt += 1) {
      [row] = await this.sql.query<AppendRow>(this.statements.appendSerialised, values).catch(collision(attempt < MAX_COLLISIONS));
    }
    if (row.outcome === 'wrong') {
      const actual = Number(row.revision);
      throw new WrongExpectedRevisionError(batch.streamId, batch.expected, actual < 0 ? 'no_stream' : actual);
    }
    const result = { nextExpectedRevision: Number(row.revision), position: toPosition(row.commit!, row.prepare!) };
    return row.outcome === 'appended' ? this.appended(result) : result;
  }

  private appended(result: AppendResult): AppendResult {
    this.announcer?.announce();
    return result;
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

/** The fast path's rows, one per event at revisions `expected` + 1 …: in revision order once sorted by `seq`. */
const writtenResult = (rows: readonly WrittenRow[], expected: number): AppendResult => {
  const commit = BigInt(rows.find((row) => row.commit !== null)!.commit!);
  const written = rows.map((row) => ({ commit, prepare: BigInt(row.prepare) })).sort((a, b) => (a.prepare < b.prepare ? -1 : 1));
  return { nextExpectedRevision: expected + rows.length, position: written[rows.length - 1], written };
};

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
