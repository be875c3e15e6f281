-- Which generation of each PG-table projection readers see through the views public.<table>.
-- last_generation hands out generation numbers; a generation's tables live in schema
-- proj_<name>_g<generation>.
CREATE TABLE projection_generation (
  name              text        PRIMARY KEY,
  active_generation int,
  last_generation   int         NOT NULL,
  activated_at      timestamptz
);

-- One token per generation (the serving one, and one being built beside it). A batch moves
-- the token and the projection's rows in one transaction, and only from the checkpoint it
-- read (compare-and-set), so a stale or duplicate processor can never apply a batch twice.
-- failure/failed_position: why the processor stopped, visible from every node; cleared by the
-- next batch that lands.
CREATE TABLE projection_token (
  name            text        NOT NULL,
  generation      int         NOT NULL,
  checkpoint_tx   bigint      NOT NULL DEFAULT 0,
  checkpoint_pos  bigint      NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  failed_position bigint,
  failure         text,
  PRIMARY KEY (name, generation)
);
