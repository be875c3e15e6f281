package com.zerolaghub.bench;

import com.zerolaghub.bench.AppendBenchmark.ServerStateChanged;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection;
import com.zerolaghub.projections.ProjectionOptions;
import com.zerolaghub.projections.ProjectionRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node restarting on a log of N events: time from {@code ProjectionRuntime.start()} until
 * every projection is caught up (what {@code /health/ready} waits for), with a node's worth of
 * memory projections (12, each folding every event: the latest state per server, as the route
 * and SD tables keep it) against one of them alone, in alternated rounds on the same log.
 * Production options (batch size and all). Sizes grow in place: 100k, then more appended.
 */
public final class CatchupBenchmark implements Benchmark {
  private static final int PROJECTIONS = 12;

  @Override
  public String name() {
    return "catchup";
  }

  @Override
  public String description() {
    return "time to ready of a node's 12 projections vs one alone (args: [sizes, e.g. 100000,1000000 [rounds]])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int[] sizes = args.isEmpty() ? new int[] {100_000, 1_000_000}
        : Arrays.stream(args.get(0).split(",")).mapToInt(Integer::parseInt).toArray();
    int rounds = args.size() < 2 ? 3 : Integer.parseInt(args.get(1));
    out.println(run(sizes, rounds).encode());
  }

  JsonObject run(int[] sizes, int rounds) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (BenchDatabase db = new BenchDatabase()) {
      Pool pool = db.pool(vertx, 4);
      EventCodec codec = new EventCodec().register(ServerStateChanged.class);
      PgEventStore store = new PgEventStore(pool, codec, new AppendSignal(), null, new SimpleMeterRegistry());
      JsonArray results = new JsonArray();
      int loaded = 0;
      for (int size : sizes) {
        ReplayBenchmark.load(db, loaded, size);
        loaded = size;
        timeToReady(vertx, store, codec, 1); // warm-up: JIT, connections, page cache
        double[] all = new double[rounds];
        double[] one = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          if (r % 2 == 0) {
            all[r] = timeToReady(vertx, store, codec, PROJECTIONS);
            one[r] = timeToReady(vertx, store, codec, 1);
          } else {
            one[r] = timeToReady(vertx, store, codec, 1);
            all[r] = timeToReady(vertx, store, codec, PROJECTIONS);
          }
          ratios[r] = all[r] / one[r];
        }
        results.add(new JsonObject().put("events", size).put("rounds", rounds)
            .put("all_projections", PROJECTIONS)
            .put("all_ready_s", round(AppendBenchmark.median(all))).put("one_ready_s", round(AppendBenchmark.median(one)))
            .put("ratio", round(AppendBenchmark.median(ratios)))
            .put("all_rounds_s", array(all)).put("one_rounds_s", array(one)));
      }
      return new JsonObject().put("bench", "catchup").put("batch_size", ProjectionOptions.DEFAULT_BATCH_SIZE).put("sizes", results);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Seconds from start until every projection reached the head, then stops the runtime. */
  private static double timeToReady(Vertx vertx, PgEventStore store, EventCodec codec, int projections) throws Exception {
    ProjectionRuntime runtime = new ProjectionRuntime(vertx, store, codec, null, null, new SimpleMeterRegistry(), new ProjectionOptions());
    for (int i = 0; i < projections; i++) runtime.register(new LatestState("bench_state_" + i));
    long t0 = System.nanoTime();
    AppendBenchmark.await(runtime.start().compose(v -> runtime.caughtUp()));
    double seconds = (System.nanoTime() - t0) / 1e9;
    AppendBenchmark.await(runtime.stop());
    return seconds;
  }

  /** Latest state per server, from every event. */
  private record LatestState(String name) implements MemoryProjection<Integer> {
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
        }

        @Override
        public Integer view() {
          return stateByServer.size();
        }
      };
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static JsonArray array(double[] values) {
    JsonArray a = new JsonArray();
    for (double v : values) a.add(round(v));
    return a;
  }
}
