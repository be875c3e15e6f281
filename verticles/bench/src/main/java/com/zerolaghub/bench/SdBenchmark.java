package com.zerolaghub.bench;

import ch.qos.logback.classic.Level;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ResourcePlan;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.monitoring.MonitoredServer;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.monitoring.MonitoringCapability;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /sd/exporters} with 10,000 running servers: throughput and p99 under wrk against
 * nginx serving the same bytes as a static file (the ceiling), and how long a server's ready
 * event takes to show in the answer. The node is a real {@link Platform} with the projections
 * and monitoring capabilities on an embedded PostgreSQL with durable commits.
 */
public final class SdBenchmark implements Benchmark {
  private static final Logger log = LoggerFactory.getLogger(SdBenchmark.class);
  private static final String SD = "/sd/exporters";
  private static final int CONNECTIONS = 8;
  private static final int VISIBILITY_SAMPLES = 200;

  @Override
  public String name() {
    return "sd";
  }

  @Override
  public String description() {
    return "/sd/exporters with N running servers under wrk vs nginx serving the same bytes; ready-to-visible latency "
        + "(args: [servers] [seconds-per-run]; needs wrk and nginx)";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int servers = args.isEmpty() ? 10_000 : Integer.parseInt(args.get(0));
    int seconds = args.size() < 2 ? 10 : Integer.parseInt(args.get(1));
    out.println(run(servers, seconds).encode());
  }

  public JsonObject run(int servers, int seconds) throws Exception {
    Tools.find("wrk");
    Tools.find("nginx");
    // One log line per request would measure the logger; nginx runs without an access log too.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.zerolaghub.http.request")).setLevel(Level.WARN);
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Path dir = Files.createTempDirectory("zlh-bench-sd");
    try (BenchDatabase db = new BenchDatabase()) {
      ProjectionsCapability projections = new ProjectionsCapability(NOBODY);
      MonitoringCapability monitoring = new MonitoringCapability(NOBODY, projections);
      Platform platform = Platform.builder(config(db, dir, token))
          .capabilities(List.of(projections.setup(), monitoring, projections.launch()))
          .start().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      try {
        MemoryView<MonitoredServers> view = monitoring.servers();
        EventStore store = platform.context().store();
        long t0 = System.nanoTime();
        load(platform, store, servers);
        awaitTargets(view, servers);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        log.info("{} servers loaded and visible in {} s", servers, Math.round(loadSeconds * 10) / 10.0);

        String url = "http://127.0.0.1:" + platform.httpPort() + SD;
        HttpClient http = HttpClient.newHttpClient();
        byte[] body = fetch(http, url, token).getBytes(StandardCharsets.UTF_8);
        Path script = dir.resolve("auth.lua");
        Files.writeString(script, "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-------"));

        WrkRun ours = null;
        WrkRun nginx = null;
        Path nginxDir = Files.createTempDirectory("zlh-bench-nginx");
        try (StaticNginx nginxServer = StaticNginx.serve(nginxDir, SD, body, "application/json")) {
          String nginxUrl = "http://127.0.0.1:" + nginxServer.port + SD;
          WrkRun.run(url, 1, CONNECTIONS, 3, script);
          WrkRun.run(nginxUrl, 1, CONNECTIONS, 3, null);
          for (int round = 0; round < 2; round++) {
            WrkRun o = WrkRun.run(url, 1, CONNECTIONS, seconds, script);
            WrkRun n = WrkRun.run(nginxUrl, 1, CONNECTIONS, seconds, null);
            log.info("round {}: ours {} req/s p99 {} ms; nginx {} req/s p99 {} ms", round, o.requestsPerSecond(), o.p99Millis(),
                n.requestsPerSecond(), n.p99Millis());
            if (o.errors() > 0 || n.errors() > 0) {
              throw new IllegalStateException("wrk saw failed requests (ours " + o.errors() + ", nginx " + n.errors() + ")");
            }
            if (ours == null || o.requestsPerSecond() > ours.requestsPerSecond()) ours = o;
            if (nginx == null || n.requestsPerSecond() > nginx.requestsPerSecond()) nginx = n;
          }
        } finally {
          deleteTree(nginxDir);
        }

        LatencyRecorder toView = new LatencyRecorder(VISIBILITY_SAMPLES);
        LatencyRecorder toAnswer = new LatencyRecorder(VISIBILITY_SAMPLES);
        for (int i = 0; i < VISIBILITY_SAMPLES; i++) visibility(store, view, http, url, token, servers + i, toView, toAnswer);

        return new JsonObject().put("bench", "sd").put("servers", servers).put("body_bytes", body.length)
            .put("load_s", Math.round(loadSeconds * 10) / 10.0)
            .put("connections", CONNECTIONS).put("seconds_per_run", seconds)
            .put("ours_req_per_s", Math.round(ours.requestsPerSecond())).put("ours_p50_ms", ours.p50Millis())
            .put("ours_p99_ms", ours.p99Millis()).put("ours_errors", ours.errors())
            .put("nginx_req_per_s", Math.round(nginx.requestsPerSecond())).put("nginx_p50_ms", nginx.p50Millis())
            .put("nginx_p99_ms", nginx.p99Millis()).put("nginx_errors", nginx.errors())
            .put("ratio", Math.round(ours.requestsPerSecond() / nginx.requestsPerSecond() * 100) / 100.0)
            .put("ready_to_view_p50_ms", toView.percentileMillis(50)).put("ready_to_view_p99_ms", toView.percentileMillis(99))
            .put("ready_to_answer_p50_ms", toAnswer.percentileMillis(50))
            .put("ready_to_answer_p99_ms", toAnswer.percentileMillis(99));
      } finally {
        platform.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static PlatformConfig config(BenchDatabase db, Path dir, String token) throws Exception {
    DataConfig data = new DataConfig(Files.createDirectory(dir.resolve("data")).toString());
    return PlatformConfig.defaults().with(c -> c
        .http(h -> h.port(0).host("127.0.0.1"))
        .db(d -> d.host("localhost").port(db.pg.getPort()).database("postgres").user("postgres").password("postgres").poolSize(16))
        .data(data)
        .monitoring(m -> m.sdToken(token).sdDevelopmentMode(false)));
  }

  /** Every server's provisioning history in one append per server stream, 64 appends in flight. */
  private static void load(Platform platform, EventStore store, int servers) throws Exception {
    Instant at = Instant.now();
    AppendBenchmark.await(ClosedLoop.run(platform.context().vertx(), servers, 64, new LatencyRecorder(servers),
        i -> append(store, history(i, at))));
  }

  /** Appends the server's events up to its ready event, then times that one until it shows. */
  private static void visibility(EventStore store, MemoryView<MonitoredServers> view, HttpClient http, String url, String token,
      int i, LatencyRecorder toView, LatencyRecorder toAnswer) throws Exception {
    List<ServerEvent> events = history(i, Instant.now());
    AppendBenchmark.await(append(store, events.subList(0, events.size() - 1)));
    String id = serverId(i);
    String needle = "\"server_id\":\"" + id + "\"";
    long t0 = System.nanoTime();
    AppendBenchmark.await(append(store, events.subList(events.size() - 1, events.size())));
    while (!view.current().server(id).map(MonitoredServer::isActiveTarget).orElse(false)) {
      if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(10)) throw new IllegalStateException(id + " not visible in 10 s");
      LockSupport.parkNanos(50_000);
    }
    toView.record(System.nanoTime() - t0);
    while (!fetch(http, url, token).contains(needle)) {
      if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(10)) throw new IllegalStateException(id + " not answered in 10 s");
    }
    toAnswer.record(System.nanoTime() - t0);
  }

  private static List<ServerEvent> history(int i, Instant at) {
    String id = serverId(i);
    String op = "op-" + id;
    int vmid = 100_000 + i;
    String address = "10." + (64 + i / 65_536) + "." + (i / 256 % 256) + "." + (i % 256);
    return List.of(
        new ServerEvent.ServerRequested(id, "owner-" + (i % 997), op, new ServerSpec.Game("world" + i, "vanilla", "g4"),
            new ResourcePlan("g4", 4096, 2, 20), 9000, at),
        new ServerEvent.ProvisioningStepCompleted(id, op, ProvisioningPhase.ALLOCATE_VMID, vmid, null, null, null, null, at),
        new ServerEvent.ProvisioningStepStarted(id, op, ProvisioningPhase.CLONE, vmid, 9000, "world" + i + "-" + vmid, null, null, at),
        new ServerEvent.ProvisioningStepCompleted(id, op, ProvisioningPhase.START_CONTAINER, null, null, address, null, null, at),
        new ServerEvent.ServerReady(id, op, at));
  }

  private static String serverId(int i) {
    return String.format("srv-%08d", i);
  }

  private static Future<?> append(EventStore store, List<ServerEvent> events) {
    List<NewEvent> batch = new ArrayList<>(events.size());
    for (ServerEvent e : events) batch.add(NewEvent.of(e, EventMetadata.system("bench:sd")));
    return store.append(StreamId.of("server", events.get(0).serverId()), ExpectedVersion.ANY, batch);
  }

  private static void awaitTargets(MemoryView<MonitoredServers> view, int servers) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (view.current().activeTargets().size() < servers) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("the read model did not reach " + servers + " targets");
      Thread.sleep(50);
    }
  }

  private static String fetch(HttpClient http, String url, String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("/sd/exporters answered " + r.statusCode());
    return r.body();
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Nobody signs in here: the bench only calls the token-protected discovery. */
  private static final Authentication NOBODY = new Authentication() {
    private final Handler<RoutingContext> refuse = ctx -> ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "sign in first"));

    @Override
    public Handler<RoutingContext> required() {
      return refuse;
    }

    @Override
    public Handler<RoutingContext> admin() {
      return refuse;
    }
  };
}
