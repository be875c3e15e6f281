package com.zerolaghub.verticles.timeline;

import com.zerolaghub.events.StreamId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log read newest first for one subject, a page at a time. Each stream is read backwards
 * through the stream key (version order is position order within a stream) and the controller's
 * events through {@code event_log_controller_server_idx}, each limited to a page, then merged:
 * the first page of a server with 10,000 events touches one page of rows, not 10,000.
 */
final class TimelineReads {
  private static final String COLUMNS = TimelineRows.COLUMNS;

  private final Pool pool;

  TimelineReads(Pool pool) {
    this.pool = pool;
  }

  /** Up to {@code limit} events of the subject with a position below {@code before}, newest first. */
  Future<RowSet<Row>> page(TimelineSubject subject, long before, int limit) {
    List<String> parts = new ArrayList<>();
    Tuple args = Tuple.of(before, limit);
    for (StreamId stream : subject.streams()) {
      args.addString(stream.type()).addString(stream.id());
      int t = args.size() - 1;
      parts.add("(SELECT " + COLUMNS + " FROM event_log WHERE stream_type = $" + t + " AND stream_id = $" + (t + 1)
          + " AND position < $1 ORDER BY stream_version DESC LIMIT $2)");
    }
    if (subject.withControllerEvents()) {
      args.addString(subject.id());
      parts.add("(SELECT " + COLUMNS + " FROM event_log WHERE stream_type IN ('drift', 'repair', 'repair-run')"
          + " AND payload->>'serverId' = $" + args.size() + " AND position < $1 ORDER BY position DESC LIMIT $2)");
    }
    String sql = "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") e ORDER BY position DESC LIMIT $2";
    return pool.preparedQuery(sql).execute(args);
  }

  /** The subject's owning account, from its first event; empty when the subject has no events. */
  Future<Optional<String>> owner(TimelineSubject subject) {
    StreamId first = subject.first();
    return pool.preparedQuery("SELECT payload->>'" + subject.ownerField() + "' AS owner FROM event_log "
            + "WHERE stream_type = $1 AND stream_id = $2 AND stream_version = 1")
        .execute(Tuple.of(first.type(), first.id()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(String.valueOf(rows.iterator().next().getString("owner"))));
  }

  /** One stored event by its position. */
  Future<Optional<Row>> at(long position) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM event_log WHERE position = $1").execute(Tuple.of(position))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }
}
