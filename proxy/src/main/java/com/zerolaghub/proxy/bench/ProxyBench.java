package com.zerolaghub.proxy.bench;

import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.ide.CachingIdeGrants;
import com.zerolaghub.proxy.ide.CodeServerForwarder;
import com.zerolaghub.proxy.ide.DevHostProxy;
import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench proxy}, HTTP part: the same wrk load against a small backend directly, through
 * nginx ({@code worker_processes auto}, upstream keep-alive) and through our dev-host proxy
 * (host-routed {@code dev-<vmid>.<domain>}, with a real IDE cookie, so each request pays the
 * route and grant lookups), in alternating rounds. Our proxy listens on as many event loops as
 * nginx has workers (one per core). Blocking; run it from the CLI's thread. Needs {@code wrk}
 * and {@code nginx} (Debian packages).
 */
public final class ProxyBench {
  private static final String DOMAIN = "bench.test";
  private static final int VMID = 101;

  /**
   * @param warmup an unrecorded wrk run before each target's first measured one (JIT, pools)
   * @param duration wrk's run time per target and round
   * @param rounds measured rounds; each runs every target once, in turn
   * @param connections open connections
   * @param threads wrk threads
   * @param bodyBytes size of the backend's answer
   * @param wrk path of wrk
   * @param nginx path of nginx, or null to skip that target
   */
  public record Options(Duration warmup, Duration duration, int rounds, int connections, int threads, int bodyBytes,
      String wrk, String nginx) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, 64, 2, 1024, "wrk", "nginx");
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
  public List<WrkResult> run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Buffer body = Buffer.buffer("x".repeat(options.bodyBytes()));
    ProxyServer backend = new ProxyServer(vertx, (HttpServerRequest request) ->
        request.response().putHeader("Content-Type", "text/plain").end(body), new HttpServerOptions().setHost("127.0.0.1"), cores);
    int backendPort = await(backend.start(0));
    CodeServerForwarder forwarder = new CodeServerForwarder(vertx,
        UpstreamOptions.defaults().withCodeServerPort(backendPort).withMaxConnectionsPerBackend(options.connections()),
        ProxyMetrics.unregistered());
    RouteSnapshot routes = RouteSnapshot.of(List.of(new DevRoute("srv-bench", VMID, "user-bench", "127.0.0.1", true, true)));
    // as the app wires it: session lookups cached in memory for a few seconds
    ProxyServer proxy = new ProxyServer(vertx,
        new DevHostProxy(routes, new CachingIdeGrants(grants), forwarder, IdeOptions.defaults(DOMAIN), sessionId -> true),
        new HttpServerOptions().setHost("127.0.0.1").setCompressionSupported(false), cores);
    int proxyPort = await(proxy.start(0));
    String cookie = await(grants.openSession(new IdeGrant("srv-bench", VMID, "user-bench", false, "session-bench"), Duration.ofHours(1)));
    String host = "dev-" + VMID + "." + DOMAIN;
    Path dir = Files.createTempDirectory("zlh-bench-proxy");
    NginxProcess nginx = null;
    List<WrkResult> results = new ArrayList<>();
    try {
      Path plain = script(dir.resolve("plain.lua"), host, null);
      Path withCookie = script(dir.resolve("cookie.lua"), host, cookie);
      int nginxPort = -1;
      if (options.nginx() != null) {
        nginxPort = freePort();
        nginx = NginxProcess.start(options.nginx(), nginxPort, backendPort, "auto");
      }
      for (int round = 0; round < options.rounds(); round++) {
        boolean first = round == 0;
        results.add(wrk("direct", backendPort, plain, first));
        if (nginx != null) {
          results.add(wrk("nginx", nginxPort, plain, first));
        }
        results.add(wrk("proxy", proxyPort, withCookie, first));
      }
    } finally {
      if (nginx != null) {
        nginx.close();
      }
      try (var files = Files.walk(dir)) {
        for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
      await(proxy.stop());
      await(forwarder.close());
      await(backend.stop());
    }
    return results;
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

  private WrkResult wrk(String target, int port, Path script, boolean warmUp) throws IOException, InterruptedException {
    if (warmUp && !options.warmup().isZero()) {
      wrk(target, port, script, options.warmup());
    }
    return wrk(target, port, script, options.duration());
  }

  private WrkResult wrk(String target, int port, Path script, Duration duration) throws IOException, InterruptedException {
    List<String> command = List.of(options.wrk(),
        "-t" + options.threads(), "-c" + options.connections(), "-d" + duration.toSeconds() + "s", "--latency",
        "--timeout", "10s", "-s", script.toString(), "http://127.0.0.1:" + port + "/");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("wrk failed for " + target + ":\n" + report);
    }
    return WrkResult.parse(target, report);
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
