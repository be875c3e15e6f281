package com.zerolaghub.verticles.cli;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.impl.PgCrossNodeSignal;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.verticles.config.DbConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Follows the log like {@code tail -f}: reads in commit-visible order with
 * {@code EventStore.readAfter}, then sleeps until a node's wake-up NOTIFY arrives (or one second
 * passes, the fallback when notifications are lost). Runs on the main thread; Vert.x only
 * carries the queries.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Prints new events as they are appended, one JSON line each, until interrupted.")
final class EventsTailCommand implements Callable<Integer> {
  private static final int BATCH = 500;
  private static final long POLL_MS = 1_000;
  private static final String END_OF_LOG =
      "SELECT tx_id::text AS tx, position FROM event_log WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
          + "ORDER BY tx_id DESC, position DESC LIMIT 1";

  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Option(names = "--from-start", description = "Print the whole log first.")
  boolean fromStart;

  @Option(names = "--after", paramLabel = "TX:POSITION", description = "Start after this checkpoint (as printed in \"checkpoint\").")
  String after;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
  long limit = Long.MAX_VALUE;

  @Override
  public Integer call() throws Exception {
    Checkpoint start = null;
    if (after != null) {
      try {
        start = Checkpoint.parse(after);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--after must look like <tx>:<position>, got '" + after + "'");
      }
    }
    try (CliDatabase database = CliDatabase.open(config.load(null))) {
      Vertx vertx = Vertx.vertx();
      try {
        follow(vertx, database.db(), start);
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    }
    return 0;
  }

  private void follow(Vertx vertx, DbConfig db, Checkpoint start) throws Exception {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(db.connectOptions()).using(vertx).build();
    EventCodec codec = new EventCodec();
    AppendSignal signal = new AppendSignal();
    PgEventStore store = new PgEventStore(pool, codec, signal, null, new SimpleMeterRegistry());
    Semaphore wakeUps = new Semaphore(0);
    signal.subscribe(vertx, wakeUps::release);
    await(new PgCrossNodeSignal(vertx, pool, PgCrossNodeSignal.DEFAULT_WINDOW_MS).listen(vertx, db.connectOptions(), signal));

    Checkpoint position = start != null ? start : fromStart ? Checkpoint.START : await(endOfLog(pool));
    PrintWriter out = spec.commandLine().getOut();
    long printed = 0;
    while (printed < limit) {
      wakeUps.drainPermits();
      List<RecordedEvent> batch = await(store.readAfter(position, BATCH));
      for (RecordedEvent e : batch) {
        out.println(EventLines.of(e, codec));
        position = e.checkpoint();
        if (++printed >= limit) break;
      }
      out.flush();
      if (batch.size() < BATCH) wakeUps.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
    }
  }

  private static Future<Checkpoint> endOfLog(Pool pool) {
    return pool.query(END_OF_LOG).execute().map(rows -> {
      if (rows.size() == 0) return Checkpoint.START;
      Row row = rows.iterator().next();
      return new Checkpoint(Long.parseLong(row.getString("tx")), row.getLong("position"));
    });
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
