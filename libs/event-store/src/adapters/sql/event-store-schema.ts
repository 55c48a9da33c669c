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
CREATE TABLE IF NOT EXISTS ${s}.streams (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL
);
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
${appendFunction(s)}
`;

/**
 * One round trip per append. Events arrive as four JSON arrays (ids, types, data, metadata): the
 * client joins already-encoded JSON with no escaping, and json_array_elements hands each element back
 * as its exact text. The streams row, locked FOR UPDATE, serialises writers of one stream; a retried
 * append is recognised by its event ids at the revisions it expected (ESDB's rule): all ids match →
 * the original result, otherwise a wrong expected revision.
 */
const appendFunction = (s: string): string => `
CREATE OR REPLACE FUNCTION ${s}.append_to_stream(
  p_stream_id text, p_expected bigint, p_ids json, p_types json, p_data json, p_metadata json, p_channel text,
  OUT o_outcome text, OUT o_revision bigint, OUT o_commit xid8, OUT o_prepare bigint
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_count constant int := json_array_length(p_ids);
  v_current bigint;
  v_created boolean := false;
  v_from bigint;
  v_same boolean;
BEGIN
  SELECT st.revision INTO v_current FROM ${s}.streams st WHERE st.stream_id = p_stream_id FOR UPDATE;
  IF NOT FOUND THEN
    IF p_expected NOT IN (-1, -2) THEN
      o_outcome := 'wrong'; o_revision := -1;
      RETURN;
    END IF;
    INSERT INTO ${s}.streams (stream_id, revision) VALUES (p_stream_id, v_count - 1) ON CONFLICT DO NOTHING;
    v_created := FOUND;
    v_current := -1;
    IF NOT v_created THEN
      -- A concurrent writer created the stream first: judge this append against what it wrote.
      SELECT st.revision INTO v_current FROM ${s}.streams st WHERE st.stream_id = p_stream_id FOR UPDATE;
    END IF;
  END IF;

  IF NOT v_created THEN
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
    UPDATE ${s}.streams SET revision = v_current + v_count WHERE stream_id = p_stream_id;
  END IF;

  o_commit := pg_current_xact_id();
  -- A function scan yields rows in ordinality order, so seq follows revision within the append and
  -- currval is the last event's: no sort, no RETURNING (the contract's long-stream test checks both orders agree).
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
