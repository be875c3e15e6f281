package com.zerolaghub.bench;

import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.servers.ServersCapability;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Game server creates through the HTTP API at concurrency 4, each through to {@code succeeded}:
 * creates/s, the 202's p50/p99, and the p99 of {@code GET /api/servers} (an admin listing of
 * 100, asked 20 times a second) while they run. Twice in one run on fresh embedded PostgreSQL with durable
 * commits: against the simulators with zero added latency (real adapters, HTTP, simulated agents
 * on their own addresses) and against instant in-process ports (the saga still runs and records
 * every step, but outside calls cost nothing); the ratio shows what the outside calls cost. A
 * third time with a no-op saga (each operation recorded ready at once, by the same worker): the
 * issue's baseline, "the pipeline never the bottleneck compared with a no-op saga".
 * Each phase also reports CPU per create: this JVM's (the node, plus the bench's own HTTP client
 * and listing) and embedded PostgreSQL's, measured over the phase; and the node's without the
 * admin listing (its CPU per request measured alone after the phase, times the requests made).
 */
public final class ProvisionBenchmark implements Benchmark {
  private static final Logger log = LoggerFactory.getLogger(ProvisionBenchmark.class);
  private static final int CONCURRENCY = 4;
  private static final int WARM_UP = 20;
  private static final int LIST_PER_SECOND = 20;
  private static final int LISTS_ALONE = 100;

  @Override
  public String name() {
    return "provision";
  }

  @Override
  public String description() {
    return "creates through the API to succeeded at concurrency 4: simulators vs instant ports vs a no-op saga (args: [creates, default 1000] [phases in order, default warm-up,simulators,instant,no-op])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int total = args.isEmpty() ? 1000 : Integer.parseInt(args.get(0));
    quietRequestLog();
    // an optional second argument picks phases in order (e.g. "simulators" alone, for a profile).
    // The default first runs the simulators phase unmeasured: the JIT compiles for about a
    // minute of this load, and a cold first phase would be measured against warm later ones.
    String only = args.size() > 1 ? args.get(1) : "warm-up,simulators,instant,no-op";
    JsonObject warmUp = null, simulated = null, instant = null, noOp = null;
    for (String p : only.split(",")) {
      switch (p.trim()) {
        case "warm-up": warmUp = phase(total, Saga.SIMULATORS); break;
        case "simulators": simulated = phase(total, Saga.SIMULATORS); break;
        case "instant": instant = phase(total, Saga.INSTANT_PORTS); break;
        case "no-op": noOp = phase(total, Saga.NO_OP); break;
        default: throw new IllegalArgumentException("unknown phase " + p + " (warm-up, simulators, instant, no-op)");
      }
      log.info("provision bench: phase {} done: {}", p,
          p.equals("warm-up") ? warmUp : p.equals("simulators") ? simulated : p.equals("instant") ? instant : noOp);
    }
    out.println(new JsonObject().put("bench", "provision").put("creates", total).put("concurrency", CONCURRENCY)
        .put("durable_commits", true).put("warm_up_unmeasured", warmUp).put("simulators", simulated).put("instant_ports", instant).put("no_op_saga", noOp)
        .put("ratio_simulators_to_instant", ratio(simulated, instant))
        .put("ratio_simulators_to_no_op", ratio(simulated, noOp))
        .put("ratio_instant_to_no_op", ratio(instant, noOp)).encode());
  }

  /** What runs the operations: the saga against the simulators or instant ports, or no saga at all. */
  private enum Saga {
    SIMULATORS("simulators"), INSTANT_PORTS("instant ports"), NO_OP("no-op saga");

    final String label;

    Saga(String label) {
      this.label = label;
    }
  }

  private static JsonObject ratio(JsonObject a, JsonObject b) {
    if (a == null || b == null) return null;
    return new JsonObject()
        .put("creates_per_s", round(a.getDouble("creates_per_s") / b.getDouble("creates_per_s")))
        .put("ack_p99", round(a.getDouble("ack_p99_ms") / b.getDouble("ack_p99_ms")))
        .put("list_p99", round(a.getDouble("list_p99_ms") / b.getDouble("list_p99_ms")));
  }

  private JsonObject phase(int total, Saga saga) throws Exception {
    String label = saga.label;
    log.info("provision bench: {} creates against {}", total, label);
    try (BenchDatabase db = new BenchDatabase()) {
      DataConfig data = new DataConfig(Files.createTempDirectory("zlh-bench-node").toString());
      PlatformConfig config = PlatformConfig.defaults().with(c -> c
          .http(h -> h.port(0).host("127.0.0.1"))
          .db(d -> d.host("localhost").port(db.pg.getPort()).database("postgres").user("postgres").password("postgres").poolSize(32))
          .data(data)
          .infra(i -> i.simTaskDurationMs(0))
          .servers(s -> s.workerConcurrency(CONCURRENCY)));
      BenchAuthentication auth = new BenchAuthentication();
      ProjectionsCapability projections = new ProjectionsCapability(auth);
      ServersCapability servers = new ServersCapability(auth, projections);
      if (saga != Saga.SIMULATORS) servers.withPorts(InstantPorts.create());
      if (saga == Saga.NO_OP) servers.withRunner(NoOpSaga::new);
      Platform platform = Platform.builder(config).capabilities(List.of(projections.setup(), servers, projections.launch()))
          .start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      Vertx vertx = Vertx.vertx();
      WebClient http = WebClient.create(vertx);
      try {
        int port = platform.httpPort();
        await(ClosedLoop.run(vertx, WARM_UP, CONCURRENCY, new LatencyRecorder(WARM_UP), i -> create(http, port, "warm-" + i)));
        awaitSettled(servers);

        LatencyRecorder acks = new LatencyRecorder(total);
        LatencyRecorder lists = new LatencyRecorder(1_000_000);
        AtomicBoolean creating = new AtomicBoolean(true);
        Future<Integer> listing = listWhile(vertx, http, port, creating, lists);
        long jvmCpu0 = PhaseCpu.jvmNanos();
        long pgCpu0 = PhaseCpu.postgresNanos(db.dir);
        long t0 = System.nanoTime();
        await(ClosedLoop.run(vertx, total, CONCURRENCY, acks, i -> create(http, port, "b" + i)));
        awaitSettled(servers);
        long elapsed = System.nanoTime() - t0;
        long jvmCpu = PhaseCpu.jvmNanos() - jvmCpu0;
        long pgCpu1 = PhaseCpu.postgresNanos(db.dir);
        Double pgCpuPerCreate = pgCpu0 < 0 || pgCpu1 < 0 ? null : round((pgCpu1 - pgCpu0) / 1e6 / total);
        creating.set(false);
        int listRequests = await(listing);
        JsonObject outcomes = await(outcomes(platform, total + WARM_UP));
        double listCpuMs = listingCpuMillis(http, port);
        return new JsonObject().put("ports", label)
            .put("creates_per_s", round(total / (elapsed / 1e9)))
            .put("elapsed_s", round(elapsed / 1e9))
            .put("ack_p50_ms", acks.percentileMillis(50)).put("ack_p99_ms", acks.percentileMillis(99))
            .put("list_p50_ms", lists.percentileMillis(50)).put("list_p99_ms", lists.percentileMillis(99))
            .put("list_requests", listRequests)
            .put("node_cpu_ms_per_create", round(jvmCpu / 1e6 / total))
            .put("node_cpu_ms_per_list", round(listCpuMs))
            .put("node_cpu_ms_per_create_without_listing", round((jvmCpu / 1e6 - listRequests * listCpuMs) / total))
            .put("postgres_cpu_ms_per_create", pgCpuPerCreate)
            .mergeIn(outcomes);
      } finally {
        http.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        platform.stop().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      }
    }
  }

  /** POST /api/instances for a game server of its own user (so no quota is hit); fails unless 202. */
  private static Future<?> create(WebClient http, int port, String name) {
    JsonObject body = new JsonObject().put("type", "game").put("name", name.length() < 3 ? name + "-x" : name)
        .put("variant", "vanilla").put("plan", "game-2g");
    return http.post(port, "127.0.0.1", "/api/instances").putHeader(BenchAuthentication.USER, "bench-" + name)
        .sendJsonObject(body).compose(r -> r.statusCode() == 202 ? Future.succeededFuture(r)
            : Future.failedFuture(new IllegalStateException("create answered " + r.statusCode() + ": " + r.bodyAsString())));
  }

  /**
   * GET /api/servers as an admin at {@value #LIST_PER_SECOND}/s (a busy operator's portal), each
   * latency recorded, while {@code creating}; answers how many were asked. A fixed rate measures
   * the listing under the create load without the listing becoming the load.
   */
  private static Future<Integer> listWhile(Vertx vertx, WebClient http, int port, AtomicBoolean creating, LatencyRecorder lists) {
    Promise<Integer> done = Promise.promise();
    int[] count = {0};
    int[] inFlight = {0};
    vertx.runOnContext(v -> vertx.setPeriodic(1000 / LIST_PER_SECOND, id -> {
      if (!creating.get()) {
        vertx.cancelTimer(id);
        done.tryComplete(count[0]);
        return;
      }
      long t = System.nanoTime();
      inFlight[0]++;
      http.get(port, "127.0.0.1", "/api/servers?limit=100").putHeader(BenchAuthentication.USER, "bench-admin")
          .putHeader(BenchAuthentication.ADMIN, "true").send()
          .onComplete(ar -> {
            inFlight[0]--;
            if (ar.succeeded() && ar.result().statusCode() == 200) {
              lists.record(System.nanoTime() - t);
              count[0]++;
            }
          });
    }));
    return done.future();
  }

  /**
   * This JVM's CPU per admin listing, asked {@value #LISTS_ALONE} times back to back once the
   * creates are over: the listing runs at a fixed rate, so its share of the CPU per create grows
   * as a loaded machine slows the creates; this lets a phase report the creates' CPU without it.
   */
  private static double listingCpuMillis(WebClient http, int port) throws Exception {
    long cpu0 = PhaseCpu.jvmNanos();
    for (int i = 0; i < LISTS_ALONE; i++) {
      await(http.get(port, "127.0.0.1", "/api/servers?limit=100").putHeader(BenchAuthentication.USER, "bench-admin")
          .putHeader(BenchAuthentication.ADMIN, "true").send());
    }
    return (PhaseCpu.jvmNanos() - cpu0) / 1e6 / LISTS_ALONE;
  }

  /** Until the worker has nothing open: every create ended. */
  private static void awaitSettled(ServersCapability servers) throws InterruptedException {
    while (!servers.serverPorts().directory().current().openOperations().isEmpty() || servers.worker().inFlight() > 0) {
      Thread.sleep(5);
    }
  }

  private static Future<JsonObject> outcomes(Platform platform, int expected) {
    Promise<JsonObject> result = Promise.promise();
    pollOutcomes(platform, expected, System.currentTimeMillis() + 60_000, result);
    return result.future();
  }

  private static void pollOutcomes(Platform platform, int expected, long deadline, Promise<JsonObject> result) {
    platform.context().pool().query("SELECT count(*) FILTER (WHERE status = 'succeeded') AS ok,"
            + " count(*) FILTER (WHERE status = 'failed') AS failed FROM server_operations WHERE type = 'provision'")
        .execute().onComplete(ar -> {
          if (ar.failed()) {
            result.fail(ar.cause());
            return;
          }
          Row row = ar.result().iterator().next();
          long ok = row.getLong("ok");
          long failed = row.getLong("failed");
          if (ok + failed >= expected || System.currentTimeMillis() > deadline) {
            result.complete(new JsonObject().put("succeeded", ok).put("failed", failed));
          } else {
            platform.context().vertx().setTimer(20, t -> pollOutcomes(platform, expected, deadline, result));
          }
        });
  }

  private static void quietRequestLog() {
    org.slf4j.Logger requests = LoggerFactory.getLogger("com.zerolaghub.http.request");
    if (requests instanceof ch.qos.logback.classic.Logger l) l.setLevel(ch.qos.logback.classic.Level.WARN);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }

}
