package com.zerolaghub.projections;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts Counted events per key ({@code <name>_counted}) and records how often each event was
 * applied ({@code <name>_applied}): any value above 1 there is a double application.
 */
final class CountingProjection implements TableProjection {
  private final Vertx vertx;
  private final String name;
  private final Set<String> types;
  /** Batches still to fail after their rows were written (a crash before commit). */
  final AtomicInteger failuresAfterWrite = new AtomicInteger();
  /** Extra time each batch takes, to watch a rebuild in progress. */
  volatile long delayMillis;

  CountingProjection(Vertx vertx, String name, Set<String> types) {
    this.vertx = vertx;
    this.name = name;
    this.types = types;
  }

  CountingProjection(Vertx vertx, String name) {
    this(vertx, name, EventTypeNames.of(TestEvents.Counted.class));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> tables() {
    return List.of(name + "_counted", name + "_applied");
  }

  @Override
  public String ddl(String schema) {
    return "CREATE TABLE " + schema + "." + name + "_counted (key text PRIMARY KEY, n bigint NOT NULL);"
        + "CREATE TABLE " + schema + "." + name + "_applied (event_id uuid PRIMARY KEY, applies int NOT NULL)";
  }

  @Override
  public boolean handles(String eventType) {
    return types.contains(eventType);
  }

  @Override
  public Future<Void> apply(SqlConnection tx, String schema, List<DecodedEvent> batch) {
    List<UUID> ids = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (DecodedEvent e : batch) {
      ids.add(e.recorded().eventId());
      if (e.event() instanceof TestEvents.Counted c) keys.add(c.key());
    }
    String applied = schema + "." + name + "_applied";
    String counted = schema + "." + name + "_counted";
    Future<Void> delay = delayMillis > 0 ? vertx.timer(delayMillis).mapEmpty() : Future.succeededFuture();
    return delay
        .compose(v -> tx.preparedQuery("INSERT INTO " + applied + " (event_id, applies) SELECT unnest($1::uuid[]), 1 "
                + "ON CONFLICT (event_id) DO UPDATE SET applies = " + applied + ".applies + 1")
            .execute(Tuple.of(ids.toArray(new UUID[0]))))
        .compose(v -> tx.preparedQuery("INSERT INTO " + counted + " (key, n) SELECT k, count(*) FROM unnest($1::text[]) k GROUP BY k "
                + "ON CONFLICT (key) DO UPDATE SET n = " + counted + ".n + EXCLUDED.n")
            .execute(Tuple.of(keys.toArray(new String[0]))))
        .compose(v -> failuresAfterWrite.getAndUpdate(n -> Math.max(0, n - 1)) > 0
            ? Future.failedFuture(new IllegalStateException("simulated crash after the rows were written"))
            : Future.succeededFuture());
  }
}
