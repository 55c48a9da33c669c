import type { Direction } from '../../event-store.port';
import type { SqlStatement } from './sql-client';

/** Every value leaves the database as text, a float8 or a boolean, so both drivers hand back the same rows. */
const eventColumns = (payload = (column: string) => `${column}::text`): string =>
  `tx::text AS commit, seq::text AS prepare, stream_id, revision::text AS revision, event_id::text AS id, type,
  ${payload('data')} AS data, ${payload('metadata')} AS metadata, date_part('epoch', recorded_at) * 1000 AS recorded_at`;

/** Rows at or past this point of the global order may still be joined by events of running transactions. */
const HORIZON = 'pg_snapshot_xmin(pg_current_snapshot())';

export interface EventStoreStatements {
  /** An append at a known revision (no_stream or a number) as one INSERT; no row back means "use `append`". */
  readonly appendAtRevision: SqlStatement;
  readonly append: SqlStatement;
  /** The append again after a collision, queued behind other retrying writers of the stream. */
  readonly appendSerialised: SqlStatement;
  readonly readStream: Record<Direction, SqlStatement>;
  readonly scanAll: Record<Direction, SqlStatement>;
  readonly head: SqlStatement;
  readonly newestAndHorizon: SqlStatement;
  /**
   * NOTIFY on channel `$1`, in a transaction of its own that does not wait for the WAL flush: PostgreSQL
   * serialises notifying transactions cluster-wide until their commit is flushed, so a NOTIFY inside the
   * append would queue every append behind every other notifier's fsync. A notification is not durable anyway.
   */
  readonly announce: SqlStatement;
}

export const eventStoreStatements = (s: string): EventStoreStatements => ({
  appendAtRevision: appendAtRevision(s),
  append: append(s, false),
  appendSerialised: append(s, true),
  readStream: {
    forwards: readStream(s, 'forwards'),
    backwards: readStream(s, 'backwards'),
  },
  scanAll: {
    forwards: scanAll(s, 'forwards'),
    backwards: scanAll(s, 'backwards'),
  },
  head: {
    name: `${s}_head`,
    text: `SELECT tx::text AS commit, seq::text AS prepare FROM ${s}.events
      WHERE tx < ${HORIZON} ORDER BY tx DESC, seq DESC LIMIT 1`,
  },
  newestAndHorizon: {
    name: `${s}_newest_and_horizon`,
    text: `SELECT (SELECT tx FROM ${s}.events ORDER BY tx DESC, seq DESC LIMIT 1)::text AS newest, ${HORIZON}::text AS horizon`,
  },
  announce: {
    name: `${s}_announce`,
    text: `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')`,
  },
});

const append = (s: string, serialised: boolean): SqlStatement => ({
  name: `${s}_append${serialised ? '_serialised' : ''}`,
  text: `SELECT o_outcome AS outcome, o_revision::text AS revision, o_commit::text AS commit, o_prepare::text AS prepare
    FROM ${s}.append_to_stream($1, $2, $3::json, $4::json, $5::json, $6::json, NULL, ${serialised})`,
});

/**
 * The common append — to a new stream, or after the revision the writer last read — without the
 * function's probes: the rows go in at the revisions that follow `$2` (-1 for no_stream), guarded only
 * by the stream's current revision being `$2` (for a number) and by UNIQUE (stream_id, revision). When
 * either guard trips (no rows back, or a unique violation), the caller runs `append`, which tells an
 * idempotent retry from a wrong expected revision. Same parameters as `append`, `$2` ≥ -1.
 *
 * Every row it returns was written now: one per event, so the caller learns each event's position. Rows
 * are inserted in revision order and each takes the next `seq` as it goes in, so the sorted `seq`s are the
 * events' in revision order; the transaction (`commit`) is the same for all and comes on the first event's
 * row only. Plain RETURNING of as little as that: three text columns for each of 100 rows cost a few percent
 * of the append, and an aggregate over a CTE cost more than the client spends reading short rows.
 */
const appendAtRevision = (s: string): SqlStatement => ({
  name: `${s}_append_at_revision`,
  text: `INSERT INTO ${s}.events (tx, stream_id, revision, event_id, type, data, metadata)
    SELECT pg_current_xact_id(), $1, $2::bigint + u.ord, u.id::uuid, u.type, u.data, u.metadata
    FROM ROWS FROM (
      json_array_elements_text($3::json), json_array_elements_text($4::json), json_array_elements($5::json), json_array_elements($6::json)
    ) WITH ORDINALITY AS u(id, type, data, metadata, ord)
    WHERE $2::bigint = -1 OR EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_id = $1 AND e.revision = $2::bigint)
    RETURNING seq::text AS prepare, CASE WHEN revision = $2::bigint + 1 THEN tx::text END AS commit`,
});

const readStream = (s: string, direction: Direction): SqlStatement => {
  const [compare, order] = direction === 'forwards' ? ['>=', 'ASC'] : ['<=', 'DESC'];
  return {
    name: `${s}_read_stream_${direction}`,
    text: `SELECT ${eventColumns()} FROM ${s}.events e
      WHERE e.stream_id = $1 AND e.revision ${compare} $2 ORDER BY e.revision ${order} LIMIT $3`,
  };
};

/**
 * A window of `$3` events past the boundary ($1, $2), filtered by stream-name LIKE patterns ($4) and
 * types ($5). Only matching events come back in full, plus the window's last row, which tells the
 * reader how far it scanned and lets subscriptions checkpoint through events the filter skips.
 */
const scanAll = (s: string, direction: Direction): SqlStatement => {
  const order = direction === 'forwards' ? 'ASC' : 'DESC';
  return {
    name: `${s}_scan_all_${direction}`,
    text: `SELECT ${eventColumns((column) => `CASE WHEN matched THEN ${column}::text END`)},
        matched, scanned::text AS scanned
      FROM (
        SELECT page.*, row_number() OVER (ORDER BY tx ${order}, seq ${order}) AS n, count(*) OVER () AS scanned
        FROM (${visibleWindow(s, direction)}) page
      ) windowed
      WHERE matched OR n = scanned
      ORDER BY n`,
  };
};

const WINDOW_COLUMNS = `tx, seq, stream_id, revision, event_id, type, data, metadata, recorded_at,
  ($4::text[] IS NULL OR stream_id LIKE ANY ($4::text[])) AND ($5::text[] IS NULL OR type = ANY ($5::text[])) AS matched`;

/**
 * Forwards, the horizon is applied after the LIMIT: rows below it are a prefix of the ordered window,
 * and keeping it out of the scan lets the planner see a plain range and walk the primary key in
 * order, instead of bitmap-scanning and sorting the whole rest of the log for every page.
 */
const visibleWindow = (s: string, direction: Direction): string =>
  direction === 'forwards'
    ? `SELECT * FROM (
        SELECT ${WINDOW_COLUMNS} FROM ${s}.events WHERE (tx, seq) > ($1::xid8, $2::bigint) ORDER BY tx, seq LIMIT $3
      ) ordered WHERE tx < ${HORIZON}`
    : `SELECT ${WINDOW_COLUMNS} FROM ${s}.events
      WHERE (tx, seq) < ($1::xid8, $2::bigint) AND tx < ${HORIZON} ORDER BY tx DESC, seq DESC LIMIT $3`;
