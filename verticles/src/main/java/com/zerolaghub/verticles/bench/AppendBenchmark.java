package com.zerolaghub.verticles.bench;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.PgCrossNodeSignal;
import com.zerolaghub.events.PgEventStore;
import com.zerolaghub.events.StreamId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Single-event appends to distinct streams at concurrency 1, 16 and 64 against an embedded
 * PostgreSQL with durable commits; beside each, the ceiling: the same number of raw one-row
 * INSERT transactions into a table with the same columns and indexes, same driver, same
 * concurrency. The store's cross-node wake-up (a coalesced NOTIFY outside the append) is on.
 */
public final class AppendBenchmark implements Benchmark {
  @EventType(name = "bench.server-state-changed")
  public record ServerStateChanged(String serverId, String state, int vmid, String node) implements DomainEvent {}

  private static final String RAW_INSERT =
      "INSERT INTO bench_raw_insert (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "VALUES ($1, $2, $3, 1, $4, 1, $5::text::jsonb, $6::text::jsonb)";

  private static final int ROUNDS = 4;

  private final int[] concurrencies;
  private final int perLevel;

  public AppendBenchmark() {
    this(new int[] {1, 16, 64}, 20_000);
  }

  public AppendBenchmark(int[] concurrencies, int perLevel) {
    this.concurrencies = concurrencies;
    this.perLevel = perLevel;
  }

  @Override
  public String name() {
    return "append";
  }

  @Override
  public String description() {
    return "single-event appends at concurrency 1/16/64 vs raw one-row INSERTs (args: [events-per-level])";
  }

  @Override
  public void run(List<String> args, java.io.PrintWriter out) throws Exception {
    int events = args.isEmpty() ? perLevel : Integer.parseInt(args.get(0));
    out.println(new AppendBenchmark(concurrencies, events).run().encode());
  }

  public JsonObject run() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (BenchDatabase db = new BenchDatabase()) {
      try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres"); var st = c.createStatement()) {
        st.execute("CREATE TABLE bench_raw_insert (LIKE event_log INCLUDING ALL)");
      }
      EventCodec codec = new EventCodec().register(ServerStateChanged.class);
      String payload = codec.encode(new ServerStateChanged("srv", "running", 101, "pve1"));
      EventMetadata md = EventMetadata.system("bench").withCorrelation(UUID.randomUUID().toString());
      String mdJson = codec.encode(md);
      JsonArray levels = new JsonArray();
      for (int c : concurrencies) {
        Pool pool = db.pool(vertx, c);
        PgCrossNodeSignal crossNode = Boolean.getBoolean("bench.noCrossNode") ? null : new PgCrossNodeSignal(vertx, pool, PgCrossNodeSignal.DEFAULT_WINDOW_MS);
        PgEventStore store = new PgEventStore(pool, codec, new AppendSignal(), crossNode, new SimpleMeterRegistry());
        int total = c == 1 ? Math.max(500, perLevel / 8) : perLevel;
        // Warm-up: connections, prepared statements, JIT.
        await(ClosedLoop.run(vertx, Math.min(2000, total), c, new LatencyRecorder(1), i -> appendOne(store, i, md)));
        await(ClosedLoop.run(vertx, Math.min(2000, total), c, new LatencyRecorder(1), i -> rawInsert(pool, payload, mdJson)));

        // Interleaved rounds, alternating which goes first, so table growth and checkpoints
        // weigh on both sides alike.
        LatencyRecorder ours = new LatencyRecorder(total);
        LatencyRecorder raw = new LatencyRecorder(total);
        long oursNanos = 0;
        long rawNanos = 0;
        int perRound = total / ROUNDS;
        for (int round = 0; round < ROUNDS; round++) {
          if (round % 2 == 0) {
            oursNanos += await(ClosedLoop.run(vertx, perRound, c, ours, i -> appendOne(store, i, md)));
            rawNanos += await(ClosedLoop.run(vertx, perRound, c, raw, i -> rawInsert(pool, payload, mdJson)));
          } else {
            rawNanos += await(ClosedLoop.run(vertx, perRound, c, raw, i -> rawInsert(pool, payload, mdJson)));
            oursNanos += await(ClosedLoop.run(vertx, perRound, c, ours, i -> appendOne(store, i, md)));
          }
        }
        total = perRound * ROUNDS;

        double oursRate = total / (oursNanos / 1e9);
        double rawRate = total / (rawNanos / 1e9);
        levels.add(new JsonObject()
            .put("concurrency", c).put("events", total)
            .put("events_per_s", Math.round(oursRate)).put("p50_ms", ours.percentileMillis(50)).put("p99_ms", ours.percentileMillis(99))
            .put("ceiling_inserts_per_s", Math.round(rawRate)).put("ceiling_p50_ms", raw.percentileMillis(50))
            .put("ceiling_p99_ms", raw.percentileMillis(99))
            .put("ratio", Math.round(oursRate / rawRate * 100) / 100.0));
        await(pool.close());
      }
      return new JsonObject().put("bench", "append").put("durable_commits", true).put("levels", levels);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static io.vertx.core.Future<?> appendOne(PgEventStore store, int i, EventMetadata md) {
    String id = UUID.randomUUID().toString();
    return store.append(StreamId.of("server", id), ExpectedVersion.NO_STREAM,
        List.of(NewEvent.of(new ServerStateChanged(id, "running", 100 + i, "pve1"), md)));
  }

  private static io.vertx.core.Future<?> rawInsert(Pool pool, String payload, String mdJson) {
    return pool.preparedQuery(RAW_INSERT).execute(Tuple.of(UUID.randomUUID(), "server", UUID.randomUUID().toString(),
        "bench.server-state-changed", payload, mdJson));
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
