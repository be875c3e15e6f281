package com.zerolaghub.bench.proxy;

import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * {@code bench proxy}, HTTP part: the same wrk load against a small backend directly, through
 * nginx ({@code worker_processes auto}, upstream keep-alive) and through our dev-host proxy
 * (host-routed {@code dev-<vmid>.<domain>}, with a real IDE cookie, so each request pays the
 * route and grant lookups), in alternating rounds. Our proxy runs in a JVM of its own
 * ({@link ProxyProcess}) with as many event loops as nginx has workers (one per core), so the
 * CPU time each spends per request can be read from {@code /proc} beside the other's: on two
 * cores shared with wrk and the backend, requests/s measures the machine as much as the proxy.
 * Blocking; run it from the CLI's thread. Needs {@code wrk} and {@code nginx} (Debian packages).
 */
public final class ProxyBench {
  private static final String DOMAIN = "bench.test";
  /** {@link ProxyProcess}'s first route: vmid 1000 on 127.0.0.2, where the backend listens. */
  private static final int VMID = 1000;
  private static final String SERVER_ID = "srv-idle-0";
  private static final String BACKEND_HOST = "127.0.0.2";
  /** The proxy process's JVM: the parallel collector with a fixed heap spends least per request here. */
  public static final List<String> PROXY_JVM_FLAGS = List.of("-XX:+UseParallelGC", "-Xms256m", "-Xmx256m");

  /**
   * @param warmup an unrecorded wrk run before each target's first measured one (JIT, pools)
   * @param duration wrk's run time per target and round
   * @param rounds measured rounds; each runs every target once, in turn
   * @param connections open connections
   * @param threads wrk threads
   * @param bodyBytes size of the backend's answer
   * @param wrk path of wrk
   * @param nginx path of nginx, or null to skip that target
   * @param redisUri the Redis the proxy process reads IDE sessions from ({@code grants} writes there)
   * @param proxyJvmFlags the proxy process's JVM flags
   */
  public record Options(Duration warmup, Duration duration, int rounds, int connections, int threads, int bodyBytes,
      String wrk, String nginx, String redisUri, List<String> proxyJvmFlags) {
    public static Options defaults(String redisUri) {
      return new Options(Duration.ofSeconds(15), Duration.ofSeconds(10), 3, 64, 2, 1024, "wrk", "nginx", redisUri,
          PROXY_JVM_FLAGS);
    }
  }

  /**
   * One measured run of one target.
   *
   * @param cpuMicrosPerRequest CPU time the target's process(es) spent per request (for direct: the
   *     bench's JVM, i.e. the backend), NaN when unreadable
   */
  public record Run(WrkResult wrk, double cpuMicrosPerRequest) {
    public String target() {
      return wrk.target();
    }

    public String line() {
      return wrk.line() + String.format(Locale.ROOT, "   cpu %6.1f µs/req", cpuMicrosPerRequest);
    }
  }

  /** The medians over rounds of one target. */
  public record Medians(String target, double requestsPerSecond, double p99Millis, double cpuMicrosPerRequest) {
    public static Medians of(List<Run> runs, String target) {
      List<Run> mine = runs.stream().filter(r -> r.target().equals(target)).toList();
      return new Medians(target, median(mine, r -> r.wrk().requestsPerSecond()), median(mine, r -> r.wrk().p99Millis()),
          median(mine, Run::cpuMicrosPerRequest));
    }

    public String line() {
      return String.format(Locale.ROOT, "%-8s median %10.0f req/s   p99 %7.2f ms   cpu %6.1f µs/req",
          target, requestsPerSecond, p99Millis, cpuMicrosPerRequest);
    }
  }

  /** Ours over nginx's, each the median of the rounds: the three targets. */
  public record Ratios(double requests, double p99, double cpuPerRequest) {
    public static Ratios of(Medians proxy, Medians nginx) {
      return new Ratios(proxy.requestsPerSecond() / nginx.requestsPerSecond(), proxy.p99Millis() / nginx.p99Millis(),
          proxy.cpuMicrosPerRequest() / nginx.cpuMicrosPerRequest());
    }

    public String line() {
      return String.format(Locale.ROOT, "proxy/nginx: req/s %.2f× (≥ 0.7)   p99 %.2f× (≤ 2.5)   cpu/req %.2f× (≤ 1.5)",
          requests, p99, cpuPerRequest);
    }
  }

  private final Vertx vertx;
  private final IdeGrants grants;
  private final Options options;

  public ProxyBench(Vertx vertx, IdeGrants grants, Options options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Every measured run, round by round (direct, nginx, proxy in each). */
  public List<Run> run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Buffer body = Buffer.buffer("x".repeat(options.bodyBytes()));
    ProxyServer backend = new ProxyServer(vertx, (HttpServerRequest request) ->
        request.response().putHeader("Content-Type", "text/plain").end(body), new HttpServerOptions().setHost(BACKEND_HOST), cores);
    int backendPort = await(backend.start(0));
    String cookie = await(grants.openSession(new IdeGrant(SERVER_ID, VMID, "user-bench", false, "session-bench"), Duration.ofHours(1)));
    String host = "dev-" + VMID + "." + DOMAIN;
    Path dir = Files.createTempDirectory("zlh-bench-proxy");
    NginxProcess nginx = null;
    List<Run> results = new ArrayList<>();
    try (ChildJvm proxy = new ChildJvm(ProxyProcess.class, options.proxyJvmFlags(), options.redisUri(), Integer.toString(backendPort), "1",
        DOMAIN, Integer.toString(options.connections()))) {
      Path plain = script(dir.resolve("plain.lua"), host, null);
      Path withCookie = script(dir.resolve("cookie.lua"), host, cookie);
      int nginxPort = -1;
      if (options.nginx() != null) {
        nginxPort = freePort();
        nginx = NginxProcess.start(options.nginx(), nginxPort, BACKEND_HOST, backendPort, "auto");
      }
      long self = ProcessHandle.current().pid();
      for (int round = 0; round < options.rounds(); round++) {
        boolean first = round == 0;
        results.add(wrk("direct", BACKEND_HOST, backendPort, plain, first, self));
        if (nginx != null) {
          results.add(wrk("nginx", "127.0.0.1", nginxPort, plain, first, nginx.pid()));
        }
        results.add(wrk("proxy", "127.0.0.1", proxy.port(), withCookie, first, proxy.pid()));
      }
    } finally {
      if (nginx != null) {
        nginx.close();
      }
      try (var files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
      await(backend.stop());
    }
    return results;
  }

  static double median(List<Run> runs, ToDoubleFunction<Run> value) {
    double[] values = runs.stream().mapToDouble(value).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** Request headers in a Lua file, so the cookie never shows on a command line. */
  private static Path script(Path file, String host, String cookie) throws IOException {
    StringBuilder lua = new StringBuilder("wrk.headers[\"Host\"] = \"" + host + "\"\n");
    if (cookie != null) {
      lua.append("wrk.headers[\"Cookie\"] = \"zlh_ide_session=").append(cookie).append("\"\n");
    }
    Files.writeString(file, lua);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private Run wrk(String target, String address, int port, Path script, boolean warmUp, long pid)
      throws IOException, InterruptedException {
    if (warmUp && !options.warmup().isZero()) {
      wrk(target, address, port, script, options.warmup());
    }
    long before = ProcessCpu.nanosWithChildren(pid);
    WrkResult result = wrk(target, address, port, script, options.duration());
    long after = ProcessCpu.nanosWithChildren(pid);
    double cpu = before < 0 || after < 0 || result.requests() == 0
        ? Double.NaN : (after - before) / 1000.0 / result.requests();
    return new Run(result, cpu);
  }

  private WrkResult wrk(String target, String address, int port, Path script, Duration duration) throws IOException, InterruptedException {
    List<String> command = List.of(options.wrk(),
        "-t" + options.threads(), "-c" + options.connections(), "-d" + duration.toSeconds() + "s", "--latency",
        "--timeout", "10s", "-s", script.toString(), "http://" + address + ":" + port + "/");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("wrk failed for " + target + ":\n" + report);
    }
    return WrkResult.parse(target, report);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
