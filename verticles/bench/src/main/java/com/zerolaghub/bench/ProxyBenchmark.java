package com.zerolaghub.bench;

import com.zerolaghub.bench.proxy.BenchGrantKey;
import com.zerolaghub.bench.proxy.IdleTunnelsBench;
import com.zerolaghub.bench.proxy.ProxyBench;
import com.zerolaghub.bench.proxy.WrkResult;
import com.zerolaghub.proxy.impl.ide.RedisIdeGrants;
import com.zerolaghub.verticles.embedded.EmbeddedRedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse proxy: HTTP through our dev-host proxy vs nginx vs direct ({@link ProxyBench}),
 * console echo through the bridge vs nginx vs direct ({@link ConsoleEchoBench}), each hop's CPU
 * time per request or message beside nginx's, medians of alternated rounds, and idle proxied
 * WebSockets held with the heap they cost ({@link IdleTunnelsBench}). IDE sessions live in an
 * embedded Redis, cached in memory as the app does.
 */
public final class ProxyBenchmark implements Benchmark {
  private static final Logger log = LoggerFactory.getLogger(ProxyBenchmark.class);
  private static final int WINDOW = 8;

  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public String description() {
    return "wrk direct / nginx / dev-host proxy with CPU per request, console echo direct / nginx / bridge (closed loop, "
        + "and open loop 100 consoles × 50 msg/s), medians of alternated rounds, idle proxied WebSockets and heap "
        + "(args: [seconds-per-run=10, 0 for the idle part only] [rounds=3] [idle-websockets=10000]; needs wrk, nginx, "
        + "and ulimit -n ≥ 4 per idle WebSocket, else fewer are held)";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int seconds = args.isEmpty() ? 10 : Integer.parseInt(args.get(0));
    int rounds = args.size() < 2 ? 3 : Integer.parseInt(args.get(1));
    int idle = args.size() < 3 ? 10_000 : Integer.parseInt(args.get(2));
    out.println(run(seconds, rounds, idle).encode());
  }

  public JsonObject run(int seconds, int rounds, int idle) throws Exception {
    String wrk = Tools.find("wrk");
    String nginx = Tools.find("nginx");
    Path dir = Files.createTempDirectory("zlh-bench-proxy-redis");
    Vertx vertx = Vertx.vertx();
    try (EmbeddedRedisServer redisServer = EmbeddedRedisServer.start(dir)) {
      Redis redis = Redis.createClient(vertx, redisServer.uri());
      RedisIdeGrants grants = new RedisIdeGrants(redis, BenchGrantKey.BYTES);
      JsonObject summary = new JsonObject().put("bench", "proxy").put("cores", Runtime.getRuntime().availableProcessors())
          .put("seconds_per_run", seconds).put("rounds", rounds);

      if (seconds > 0) {
        ProxyBench.Options http = new ProxyBench.Options(Duration.ofSeconds(15), Duration.ofSeconds(seconds), rounds, 64, 2,
            1024, wrk, nginx, redisServer.uri(), ProxyBench.PROXY_JVM_FLAGS);
        List<ProxyBench.Run> runs = new ProxyBench(vertx, grants, http).run();
        runs.forEach(r -> log.info("http {}", r.line()));
        if (runs.stream().anyMatch(r -> r.wrk().errors() > 0)) throw new IllegalStateException("wrk saw failed requests: " + runs);
        ProxyBench.Medians direct = ProxyBench.Medians.of(runs, "direct");
        ProxyBench.Medians viaNginx = ProxyBench.Medians.of(runs, "nginx");
        ProxyBench.Medians viaProxy = ProxyBench.Medians.of(runs, "proxy");
        ProxyBench.Ratios ratios = ProxyBench.Ratios.of(viaProxy, viaNginx);
        log.info("http {}", ratios.line());
        summary.put("http", new JsonObject().put("connections", http.connections()).put("wrk_threads", http.threads())
            .put("body_bytes", http.bodyBytes()).put("proxy_jvm", String.join(" ", http.proxyJvmFlags()))
            .put("runs", new JsonArray(runs.stream().map(ProxyBenchmark::json).toList()))
            .put("medians", new JsonArray(List.of(json(direct), json(viaNginx), json(viaProxy))))
            .put("proxy_vs_nginx_req_ratio", round2(ratios.requests()))
            .put("proxy_vs_nginx_p99_ratio", round2(ratios.p99()))
            .put("proxy_vs_nginx_cpu_per_request_ratio", round2(ratios.cpuPerRequest()))
            .put("proxy_vs_direct_req_ratio", ratio(viaProxy.requestsPerSecond(), direct.requestsPerSecond())));

        ConsoleEchoBench console = new ConsoleEchoBench(vertx, nginx, ProxyBench.PROXY_JVM_FLAGS);
        ConsoleEchoBench.Load closed = ConsoleEchoBench.Load.closed(8, WINDOW, 64);
        List<ConsoleEchoBench.Result> echoes = console.run(closed, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(seconds), rounds);
        echoes.forEach(e -> log.info("console closed {}", e));
        JsonObject wsDirect = medians(echoes, ConsoleEchoBench.DIRECT);
        JsonObject wsNginx = medians(echoes, ConsoleEchoBench.NGINX);
        JsonObject wsBridge = medians(echoes, ConsoleEchoBench.BRIDGE);
        summary.put("console", new JsonObject().put("connections", closed.consoles()).put("window", WINDOW).put("payload_bytes", 64)
            .put("runs", new JsonArray(echoes.stream().map(ProxyBenchmark::json).toList()))
            .put("medians", new JsonArray(List.of(wsDirect, wsNginx, wsBridge)))
            .put("bridge_vs_nginx_msg_ratio", ratio(wsBridge.getDouble("msg_per_s"), wsNginx.getDouble("msg_per_s")))
            .put("bridge_vs_nginx_p99_ratio", ratio(wsBridge.getDouble("p99_ms"), wsNginx.getDouble("p99_ms")))
            .put("bridge_vs_nginx_cpu_per_message_ratio", ratio(wsBridge.getDouble("cpu_us_per_msg"), wsNginx.getDouble("cpu_us_per_msg")))
            .put("bridge_vs_direct_ratio", ratio(wsBridge.getDouble("msg_per_s"), wsDirect.getDouble("msg_per_s"))));

        ConsoleEchoBench.Load typing = ConsoleEchoBench.Load.open(100, 50, 64);
        List<ConsoleEchoBench.Result> paced = console.run(typing, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(seconds), rounds);
        paced.forEach(e -> log.info("console open loop {}", e));
        JsonObject openDirect = medians(paced, ConsoleEchoBench.DIRECT);
        JsonObject openNginx = medians(paced, ConsoleEchoBench.NGINX);
        JsonObject openBridge = medians(paced, ConsoleEchoBench.BRIDGE);
        summary.put("console_open_loop", new JsonObject().put("consoles", typing.consoles()).put("per_console_per_s", typing.perSecond())
            .put("runs", new JsonArray(paced.stream().map(ProxyBenchmark::json).toList()))
            .put("medians", new JsonArray(List.of(openDirect, openNginx, openBridge)))
            .put("bridge_added_p99_ms", round2(openBridge.getDouble("p99_ms") - openDirect.getDouble("p99_ms")))
            .put("nginx_added_p99_ms", round2(openNginx.getDouble("p99_ms") - openDirect.getDouble("p99_ms")))
            .put("bridge_vs_nginx_cpu_per_message_ratio", ratio(openBridge.getDouble("cpu_us_per_msg"), openNginx.getDouble("cpu_us_per_msg"))));
      }

      if (idle == 0) {
        redis.close();
        return summary;
      }
      // the proxy in a JVM of its own: its heap alone, and a whole open-files limit for its two sockets per WebSocket
      IdleTunnelsBench idleBench = new IdleTunnelsBench(vertx, grants, redisServer.uri());
      long fds = maxFileDescriptors();
      int held = Math.min(idle, idleBench.tunnelsAllowedBy(fds));
      if (held < idle) {
        log.warn("ulimit -n is {}: {} WebSockets need {} per process; holding {}", fds, idle, idleBench.descriptorsNeeded(idle), held);
      }
      IdleTunnelsBench.Result idleResult = idleBench.run(held);
      log.info("idle {}", idleResult);
      summary.put("idle", new JsonObject().put("requested", idle).put("open_files_limit", fds)
          .put("proxy_in_own_jvm", idleResult.proxyApart()).put("websockets", idleResult.tunnels()).put("proxied_open", idleResult.proxiedOpen())
          .put("open_s", round2(idleResult.openSeconds()))
          .put("heap_before_mib", round2(idleResult.heapBeforeMiB())).put("heap_held_mib", round2(idleResult.heapHeldMiB()))
          .put("per_websocket_kib", round2(idleResult.perTunnelKiB()))
          .put("heap_at_requested_mib", round2(idleResult.heapBeforeMiB() + idleResult.perTunnelKiB() * idle / 1024)));
      redis.close();
      return summary;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The medians over rounds of one console target. */
  private static JsonObject medians(List<ConsoleEchoBench.Result> runs, String target) {
    List<ConsoleEchoBench.Result> mine = runs.stream().filter(r -> r.target().equals(target)).toList();
    return new JsonObject().put("target", target)
        .put("msg_per_s", (double) Math.round(median(mine, ConsoleEchoBench.Result::messagesPerSecond)))
        .put("p50_ms", round2(median(mine, ConsoleEchoBench.Result::p50Millis)))
        .put("p99_ms", round2(median(mine, ConsoleEchoBench.Result::p99Millis)))
        .put("cpu_us_per_msg", round2(median(mine, ConsoleEchoBench.Result::cpuMicrosPerMessage)));
  }

  private static <T> double median(List<T> runs, ToDoubleFunction<T> value) {
    double[] values = runs.stream().mapToDouble(value).sorted().toArray();
    if (values.length == 0) return Double.NaN;
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static JsonObject json(ProxyBench.Run r) {
    return json(r.wrk()).put("cpu_us_per_req", round2(r.cpuMicrosPerRequest()));
  }

  private static JsonObject json(ProxyBench.Medians m) {
    return new JsonObject().put("target", m.target()).put("req_per_s", Math.round(m.requestsPerSecond()))
        .put("p99_ms", round2(m.p99Millis())).put("cpu_us_per_req", round2(m.cpuMicrosPerRequest()));
  }

  private static JsonObject json(WrkResult r) {
    return new JsonObject().put("target", r.target()).put("req_per_s", Math.round(r.requestsPerSecond()))
        .put("p50_ms", r.p50Millis()).put("p99_ms", r.p99Millis());
  }

  private static JsonObject json(ConsoleEchoBench.Result r) {
    return new JsonObject().put("target", r.target()).put("msg_per_s", Math.round(r.messagesPerSecond()))
        .put("p50_ms", round2(r.p50Millis())).put("p99_ms", round2(r.p99Millis()))
        .put("cpu_us_per_msg", round2(r.cpuMicrosPerMessage()));
  }

  private static Double ratio(double a, double b) {
    return round2(a / b);
  }

  /** Two decimals; NaN (not measured, e.g. direct has no hop) stays NaN and is written as null. */
  private static Double round2(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
  }

  private static long maxFileDescriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return Long.MAX_VALUE;
  }
}
