-- Secret keys every node shares and no one configures: made by the first node that needs one
-- (random, 32 bytes), read by the others. Kept out of Redis on purpose: what Redis holds
-- (IDE grants) is sealed with these keys, so a write to Redis alone cannot mint access.
CREATE TABLE platform_keys (
  name       text        PRIMARY KEY,
  secret     bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
