-- What release N+1 might ship, expand-only: a new nullable column and a new table. Release N,
-- which knows neither, must keep starting and writing on this schema (MigrationsTest).
ALTER TABLE event_log ADD COLUMN next_release_note text;
CREATE TABLE next_release_feature (
  id   bigint PRIMARY KEY,
  note text
);
