-- Fencing tokens of singleton writers (controller, operations worker). Redis leases elect the
-- holder; the token comes from here, so it only grows, even after Redis loses everything.
CREATE TABLE singleton_fences (
  name  text   PRIMARY KEY,
  token bigint NOT NULL
);

-- An append that names a fence lands only with that fence's current token. FOR SHARE makes a
-- new holder's token bump wait for appends in flight, so none of the old holder's commits after it.
CREATE FUNCTION event_log_check_fence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_token bigint;
BEGIN
  SELECT token INTO current_token FROM singleton_fences WHERE name = NEW.metadata->>'fence' FOR SHARE;
  IF current_token IS NULL OR current_token <> (NEW.metadata->>'fencingToken')::bigint THEN
    RAISE EXCEPTION 'fenced out: % token % is not the current token %',
        NEW.metadata->>'fence', NEW.metadata->>'fencingToken', current_token
      USING ERRCODE = 'ZF001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER event_log_fenced BEFORE INSERT ON event_log
  FOR EACH ROW WHEN (NEW.metadata->>'fence' IS NOT NULL) EXECUTE FUNCTION event_log_check_fence();
