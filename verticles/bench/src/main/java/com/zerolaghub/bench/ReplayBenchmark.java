package com.zerolaghub.bench;

import com.zerolaghub.bench.AppendBenchmark.ServerStateChanged;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.ProjectionOptions;
import com.zerolaghub.projections.ProjectionRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the whole log from position 0 into an in-memory projection (decoding every event),
 * and, as the ceiling, streams the same rows with a plain SELECT that decodes nothing.
 */
public final class ReplayBenchmark implements Benchmark {
  private static final int BATCH = 5000;
  private final int events;

  public ReplayBenchmark() {
    this(1_000_000);
  }

  public ReplayBenchmark(int events) {
    this.events = events;
  }

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String description() {
    return "reads the log from position 0 into an in-memory projection vs a plain streaming SELECT (args: [events])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    out.println(new ReplayBenchmark(args.isEmpty() ? events : Integer.parseInt(args.get(0))).run().encode());
  }

  public JsonObject run() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (BenchDatabase db = new BenchDatabase()) {
      long loadStart = System.nanoTime();
      load(db, 0, events);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      Pool pool = db.pool(vertx, 4);
      EventCodec codec = new EventCodec().register(ServerStateChanged.class);
      PgEventStore store = new PgEventStore(pool, codec, new AppendSignal(), null, new SimpleMeterRegistry());

      // Warm-up one pass of each, then measure the best of two passes of each.
      AppendBenchmark.await(runtimeReplay(vertx, store, codec));
      AppendBenchmark.await(stream(vertx, pool));
      double ours = 0;
      double ceiling = 0;
      long projected = 0;
      for (int pass = 0; pass < 2; pass++) {
        long t0 = System.nanoTime();
        projected = AppendBenchmark.await(runtimeReplay(vertx, store, codec));
        ours = Math.max(ours, projected / ((System.nanoTime() - t0) / 1e9));
        long t1 = System.nanoTime();
        long streamed = AppendBenchmark.await(stream(vertx, pool));
        ceiling = Math.max(ceiling, streamed / ((System.nanoTime() - t1) / 1e9));
      }
      return new JsonObject().put("bench", "replay").put("events", projected)
          .put("load_s", Math.round(loadSeconds * 10) / 10.0)
          .put("events_per_s", Math.round(ours))
          .put("ceiling_rows_per_s", Math.round(ceiling))
          .put("ratio", Math.round(ours / ceiling * 100) / 100.0);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Events {@code first} (inclusive) to {@code events} (exclusive) of the series: transactions of
   * 1,000 events over 10,000 server streams, written by SQL for speed.
   */
  static void load(BenchDatabase db, int first, int events) throws Exception {
    int perTx = 1000;
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres"); var st = c.createStatement()) {
      for (int from = first; from < events; from += perTx) {
        st.execute("INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
            + "SELECT gen_random_uuid(), 'server', 's' || (g % 10000), g / 10000 + 1, 'bench.server-state-changed', 1, "
            + "jsonb_build_object('serverId', 's' || (g % 10000), 'state', (ARRAY['provisioning','running','stopped'])[g % 3 + 1], "
            + "'vmid', 100 + g % 10000, 'node', 'pve1'), '{\"actor\":\"bench\",\"correlationId\":\"c\"}'::jsonb "
            + "FROM generate_series(" + from + ", " + (Math.min(events, from + perTx) - 1) + ") g");
      }
      st.execute("VACUUM ANALYZE event_log");
    }
  }

  /**
   * The production path: a {@link ProjectionRuntime} building a memory projection from position
   * 0 (latest state per server, as the SD and route tables keep it), timed until caught up.
   */
  private static Future<Long> runtimeReplay(Vertx vertx, PgEventStore store, EventCodec codec) {
    ProjectionRuntime runtime = new ProjectionRuntime(vertx, store, codec, null, null, new SimpleMeterRegistry(),
        new ProjectionOptions().batchSize(BATCH));
    long[] applied = {0};
    MemoryView<Integer> view = runtime.register(new MemoryProjection<Integer>() {
      @Override
      public String name() {
        return "bench_states";
      }

      @Override
      public boolean handles(String eventType) {
        return true;
      }

      @Override
      public Model<Integer> newModel() {
        Map<String, String> stateByServer = new HashMap<>();
        return new Model<>() {
          @Override
          public void apply(DecodedEvent event) {
            ServerStateChanged s = (ServerStateChanged) event.event();
            stateByServer.put(s.serverId(), s.state());
            applied[0]++;
          }

          @Override
          public Integer view() {
            return stateByServer.size(); // readers of this bench need only the size
          }
        };
      }
    });
    return runtime.start().compose(v -> view.whenCaughtUp()).compose(v -> runtime.stop()).map(v -> applied[0]);
  }

  /** The hand-written loop the runtime is compared with during tuning: latest state per server. */
  private static Future<Long> replay(Vertx vertx, PgEventStore store, EventCodec codec) {
    Promise<Long> done = Promise.promise();
    Map<String, String> stateByServer = new HashMap<>();
    long[] count = {0};
    vertx.runOnContext(v -> apply(store, codec, store.readAfter(Checkpoint.START, BATCH), stateByServer, count, done));
    return done.future();
  }

  /** Asks for the next batch before decoding this one, so the database and the decoder overlap. */
  private static void apply(PgEventStore store, EventCodec codec, Future<List<RecordedEvent>> pending,
                            Map<String, String> view, long[] count, Promise<Long> done) {
    pending.onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      List<RecordedEvent> batch = ar.result();
      if (batch.isEmpty()) {
        done.complete(count[0]);
        return;
      }
      Future<List<RecordedEvent>> next = store.readAfter(batch.get(batch.size() - 1).checkpoint(), BATCH);
      for (RecordedEvent e : batch) {
        ServerStateChanged s = (ServerStateChanged) codec.decode(e);
        view.put(s.serverId(), s.state());
      }
      count[0] += batch.size();
      apply(store, codec, next, view, count, done);
    });
  }

  private static Future<Long> stream(Vertx vertx, Pool pool) {
    String sql = "SELECT position, tx_id::text AS tx, event_id, stream_type, stream_id, stream_version, event_type, "
        + "schema_version, payload::text AS payload, metadata::text AS metadata, recorded_at FROM event_log ORDER BY tx_id, position";
    return pool.withTransaction(conn -> conn.prepare(sql).compose(ps -> {
      Promise<Long> done = Promise.promise();
      long[] rows = {0};
      long[] bytes = {0};
      ps.createStream(BATCH)
          .exceptionHandler(done::tryFail)
          .endHandler(v -> done.tryComplete(rows[0]))
          .handler((Row row) -> {
            rows[0]++;
            bytes[0] += row.getString("payload").length();
          });
      return done.future();
    }));
  }
}
