/**
 * The event store's tables and append function, for PostgreSQL and PGlite alike. The script is
 * idempotent and runs on every open, as one transaction under an advisory lock so that processes
 * starting together do not race on DDL. Grow it with idempotent statements (ADD COLUMN IF NOT EXISTS …).
 *
 * Global order: each event carries the id of the transaction that wrote it (`tx`, xid8). Readers of
 * the global log only look below the oldest transaction still running anywhere in the cluster
 * (`pg_snapshot_xmin`), so an event can never appear behind a position a reader has already passed:
 * `(tx, seq)` is final once visible. Stream reads need no such care: revisions order a stream.
 */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export const assertSchemaName = (schema: string): void => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`Event store schema must match ${SCHEMA_NAME} (a plain lower-case identifier), got ${JSON.stringify(schema)}`);
  }
};

/** Encodes an expected revision for `append_to_stream`: a revision, or a negative code. */
export const EXPECTED_CODES = { no_stream: -1, any: -2, stream_exists: -3 } as const;

export const eventStoreSchema = (s: string): string => `
SELECT pg_advisory_xact_lock(hashtext('rapport-event-store:${s}'));
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  tx xid8 NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME ${s}.events_seq),
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  -- json, not jsonb: the text is kept byte for byte, key order and all.
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_pkey PRIMARY KEY (tx, seq),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_event_id_idx ON ${s}.events (event_id);
-- Upgrades a store made by an earlier version of this script, which serialised writers through a
-- streams table and had no p_serialise argument (a second overload would make every call ambiguous).
DROP FUNCTION IF EXISTS ${s}.append_to_stream(text, bigint, json, json, json, json, text);
DROP TABLE IF EXISTS ${s}.streams;
${appendFunction(s)}
`;

/**
 * One round trip per append. Events arrive as four JSON arrays (ids, types, data, metadata): the
 * client joins already-encoded JSON with no escaping, and json_array_elements hands each element back
 * as its exact text.
 *
 * No lock and no per-stream row: the stream's current revision is its newest event's (a backward
 * index-only probe of events_stream_revision_key), and that same UNIQUE (stream_id, revision) constraint
 * settles races. Of two writers that read the same revision, the second's INSERT waits for the first
 * to finish and then fails with a unique violation (23505 on events_stream_revision_key); the statement
 * is its own transaction, so nothing of it remains. The caller then runs the append again, which now
 * sees the winner's events and answers as any append would: a wrong expected revision, an idempotent
 * retry, or (for any / stream_exists) an append at the new end. `p_serialise` makes such a rerun take
 * a per-stream transaction advisory lock first, so that retrying writers of one stream queue up rather
 * than keep colliding. No EXCEPTION block: a subtransaction per append costs more than the rare rerun.
 *
 * A retried append is recognised by its event ids at the revisions it expected (ESDB's rule): all ids
 * match → the original result, otherwise a wrong expected revision.
 *
 * `p_channel` stays for processes of earlier versions, which notify inside the append; this version passes
 * NULL and notifies after the commit instead (`announce` in event-store-statements.ts).
 */
const appendFunction = (s: string): string => `
CREATE OR REPLACE FUNCTION ${s}.append_to_stream(
  p_stream_id text, p_expected bigint, p_ids json, p_types json, p_data json, p_metadata json, p_channel text,
  p_serialise boolean DEFAULT false,
  OUT o_outcome text, OUT o_revision bigint, OUT o_commit xid8, OUT o_prepare bigint
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_count constant int := json_array_length(p_ids);
  v_current bigint;
  v_from bigint;
  v_same boolean;
BEGIN
  IF p_serialise THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('rapport-event-store:${s}:' || p_stream_id, 0));
  END IF;
  -- READ COMMITTED: this statement sees every append committed before it began (after the lock, if taken).
  SELECT e.revision INTO v_current FROM ${s}.events e WHERE e.stream_id = p_stream_id ORDER BY e.revision DESC LIMIT 1;
  IF v_current IS NULL THEN
    IF p_expected NOT IN (-1, -2) THEN
      o_outcome := 'wrong'; o_revision := -1;
      RETURN;
    END IF;
    v_current := -1;
  ELSE
    IF p_expected >= -1 THEN
      v_from := CASE WHEN p_expected = v_current THEN NULL ELSE p_expected + 1 END;
    ELSE
      SELECT e.revision INTO v_from FROM ${s}.events e
        WHERE e.stream_id = p_stream_id AND e.event_id = (p_ids->>0)::uuid ORDER BY e.revision DESC LIMIT 1;
    END IF;
    IF v_from IS NOT NULL THEN
      SELECT coalesce(array_agg(e.event_id::text ORDER BY e.revision) = ARRAY(SELECT json_array_elements_text(p_ids)), false)
        INTO v_same FROM ${s}.events e
        WHERE e.stream_id = p_stream_id AND e.revision BETWEEN v_from AND v_from + v_count - 1;
      IF v_same THEN
        o_outcome := 'idempotent'; o_revision := v_from + v_count - 1;
        SELECT e.tx, e.seq INTO o_commit, o_prepare FROM ${s}.events e
          WHERE e.stream_id = p_stream_id AND e.revision = o_revision;
      ELSE
        o_outcome := 'wrong'; o_revision := v_current;
      END IF;
      RETURN;
    END IF;
  END IF;

  o_commit := pg_current_xact_id();
  -- A function scan yields rows in ordinality order, so seq follows revision within the append and
  -- currval is the last event's: no sort, no RETURNING (the contract's long-stream test checks both orders agree).
  -- Revisions rise within the INSERT, so two colliding writers wait on each other in one order: no deadlock.
  INSERT INTO ${s}.events (tx, stream_id, revision, event_id, type, data, metadata)
  SELECT o_commit, p_stream_id, v_current + u.ord, u.id::uuid, u.type, u.data, u.metadata
  FROM ROWS FROM (
    json_array_elements_text(p_ids), json_array_elements_text(p_types), json_array_elements(p_data), json_array_elements(p_metadata)
  ) WITH ORDINALITY AS u(id, type, data, metadata, ord);
  o_prepare := currval('${s}.events_seq');
  o_outcome := 'appended'; o_revision := v_current + v_count;
  IF p_channel IS NOT NULL THEN
    PERFORM pg_notify(p_channel, '');
  END IF;
END
$fn$;
`;
