package com.zerolaghub.bench;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.impl.PgCrossNodeSignal;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.StreamId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.PrintWriter;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Single-event appends to distinct streams (grouped into shared commits by the store when they
 * are concurrent) at concurrency 1, 16 and 64 against an embedded
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

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);

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
    return "single-event appends at concurrency 1/16/64 vs raw one-row INSERTs (args: [events-per-level [concurrencies, e.g. 64 or 1,16,64]])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int events = args.isEmpty() ? perLevel : Integer.parseInt(args.get(0));
    int[] levels = args.size() < 2 ? concurrencies
        : Arrays.stream(args.get(1).split(",")).mapToInt(Integer::parseInt).toArray();
    out.println(new AppendBenchmark(levels, events).run().encode());
  }

  public JsonObject run() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (BenchDatabase db = new BenchDatabase()) {
      try (var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres"); var st = c.createStatement()) {
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
        // Warm-up: connections, prepared statements, JIT (the group path needs more than 2,000 appends).
        await(ClosedLoop.run(vertx, Math.min(6000, total), c, new LatencyRecorder(1), i -> appendOne(store, i, md)));
        await(ClosedLoop.run(vertx, Math.min(6000, total), c, new LatencyRecorder(1), i -> rawInsert(pool, payload, mdJson)));

        // Interleaved rounds, alternating which goes first, so table growth and checkpoints
        // weigh on both sides alike. Each round gives a ratio; the median round is reported.
        LatencyRecorder ours = new LatencyRecorder(total);
        LatencyRecorder raw = new LatencyRecorder(total);
        int perRound = total / ROUNDS;
        double[] oursRates = new double[ROUNDS];
        double[] rawRates = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        double[] oursP99 = new double[ROUNDS];
        double[] rawP99 = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
          LatencyRecorder oursRound = new LatencyRecorder(perRound);
          LatencyRecorder rawRound = new LatencyRecorder(perRound);
          long oursNanos;
          long rawNanos;
          if (round % 2 == 0) {
            oursNanos = await(ClosedLoop.run(vertx, perRound, c, both(ours, oursRound), i -> appendOne(store, i, md)));
            rawNanos = await(ClosedLoop.run(vertx, perRound, c, both(raw, rawRound), i -> rawInsert(pool, payload, mdJson)));
          } else {
            rawNanos = await(ClosedLoop.run(vertx, perRound, c, both(raw, rawRound), i -> rawInsert(pool, payload, mdJson)));
            oursNanos = await(ClosedLoop.run(vertx, perRound, c, both(ours, oursRound), i -> appendOne(store, i, md)));
          }
          oursRates[round] = perRound / (oursNanos / 1e9);
          rawRates[round] = perRound / (rawNanos / 1e9);
          ratios[round] = oursRates[round] / rawRates[round];
          oursP99[round] = oursRound.percentileMillis(99);
          rawP99[round] = rawRound.percentileMillis(99);
        }
        total = perRound * ROUNDS;

        levels.add(new JsonObject()
            .put("concurrency", c).put("events", total).put("rounds", ROUNDS)
            .put("events_per_s", Math.round(median(oursRates))).put("p50_ms", ours.percentileMillis(50)).put("p99_ms", ours.percentileMillis(99))
            .put("ceiling_inserts_per_s", Math.round(median(rawRates))).put("ceiling_p50_ms", raw.percentileMillis(50))
            .put("ceiling_p99_ms", raw.percentileMillis(99))
            .put("ratio", Math.round(median(ratios) * 100) / 100.0)
            .put("round_ratios", rounded(ratios))
            .put("median_round_p99_ms", median(oursP99)).put("median_round_ceiling_p99_ms", median(rawP99)));
        await(pool.close());
      }
      return new JsonObject().put("bench", "append").put("durable_commits", true).put("levels", levels);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Future<?> appendOne(PgEventStore store, int i, EventMetadata md) {
    String id = UUID.randomUUID().toString();
    return store.append(StreamId.of("server", id), ExpectedVersion.NO_STREAM,
        List.of(NewEvent.of(new ServerStateChanged(id, "running", 100 + i, "pve1"), md)));
  }

  private static Future<?> rawInsert(Pool pool, String payload, String mdJson) {
    return pool.preparedQuery(RAW_INSERT).execute(Tuple.of(UUID.randomUUID(), "server", UUID.randomUUID().toString(),
        "bench.server-state-changed", payload, mdJson));
  }

  /** Records into the whole run's and the round's recorder at once. */
  private static LatencyRecorder both(LatencyRecorder all, LatencyRecorder round) {
    return new LatencyRecorder(0) {
      @Override
      synchronized void record(long nanos) {
        all.record(nanos);
        round.record(nanos);
      }
    };
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static JsonArray rounded(double[] values) {
    JsonArray a = new JsonArray();
    for (double v : values) a.add(Math.round(v * 100) / 100.0);
    return a;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
