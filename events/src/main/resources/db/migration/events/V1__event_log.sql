-- The log. Readers order by (tx_id, position) and only read transactions older than the oldest
-- one still running (pg_snapshot_xmin), so a transaction that commits late is never skipped.
CREATE TABLE event_log (
  position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL,
  stream_type     text        NOT NULL,
  stream_id       text        NOT NULL,
  stream_version  bigint      NOT NULL,
  event_type      text        NOT NULL,
  schema_version  int         NOT NULL,
  payload         jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT event_log_event_id_key UNIQUE (event_id),
  CONSTRAINT event_log_stream_key UNIQUE (stream_type, stream_id, stream_version)
);

CREATE INDEX event_log_tx_position_idx ON event_log (tx_id, position);

-- Never rewritten: the log is append-only, whoever connects.
CREATE FUNCTION event_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event_log is append-only (% refused)', TG_OP;
END $$;

CREATE TRIGGER event_log_no_rewrite BEFORE UPDATE OR DELETE OR TRUNCATE ON event_log
  FOR EACH STATEMENT EXECUTE FUNCTION event_log_is_append_only();
