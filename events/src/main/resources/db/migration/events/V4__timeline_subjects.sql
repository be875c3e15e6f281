-- The timeline of a server reads its own stream through event_log_stream_key, and the controller's
-- events about it (drift/<serverId>:<kind>, repair/<repairId>, repair-run/<repairId>) through this
-- index: those streams are not named by the server, their payload is. Partial, so it stays small.
CREATE INDEX event_log_controller_server_idx ON event_log ((payload->>'serverId'), position)
  WHERE stream_type IN ('drift', 'repair', 'repair-run');
