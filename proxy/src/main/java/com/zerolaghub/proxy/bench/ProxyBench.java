package com.zerolaghub.proxy.bench;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
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
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench proxy}: the same wrk load against a backend directly, through nginx, and through
 * our dev-host proxy (with a real IDE cookie, so each request pays the grant lookup). Blocking;
 * run it from the CLI's thread. Needs {@code wrk} and {@code nginx} (Debian packages).
 */
public final class ProxyBench {
  private static final String DOMAIN = "bench.test";
  private static final int VMID = 101;

  /**
   * @param warmup an unrecorded wrk run before each measured one (JIT, pools)
   * @param duration wrk's run time per target
   * @param connections open connections
   * @param threads wrk threads
   * @param bodyBytes size of the backend's answer
   * @param wrk path of wrk
   * @param nginx path of nginx, or null to skip that target
   */
  public record Options(Duration warmup, Duration duration, int connections, int threads, int bodyBytes, String wrk, String nginx) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(5), Duration.ofSeconds(10), 64, 2, 1024, "wrk", "nginx");
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

  public List<WrkResult> run() throws Exception {
    Buffer body = Buffer.buffer("x".repeat(options.bodyBytes()));
    HttpServer backend = await(vertx.createHttpServer()
        .requestHandler(request -> request.response().putHeader("Content-Type", "text/plain").end(body))
        .listen(0, "127.0.0.1"));
    int backendPort = backend.actualPort();
    CodeServerForwarder forwarder = new CodeServerForwarder(vertx,
        UpstreamOptions.defaults().withCodeServerPort(backendPort).withMaxConnectionsPerBackend(options.connections()),
        ProxyMetrics.unregistered());
    RouteSnapshot routes = RouteSnapshot.of(List.of(new DevRoute("srv-bench", VMID, "user-bench", "127.0.0.1", true, true)));
    // as the app wires it: session lookups cached in memory for a few seconds
    ProxyServer proxy = new ProxyServer(vertx,
        new DevHostProxy(routes, new CachingIdeGrants(grants), forwarder, IdeOptions.defaults(DOMAIN)));
    int proxyPort = await(proxy.start(0));
    Principal bench = new Principal("user-bench", Role.CUSTOMER, "bench");
    String cookie = await(grants.openSession(new IdeGrant("srv-bench", VMID, bench.userId(), false), Duration.ofHours(1)));
    String host = "dev-" + VMID + "." + DOMAIN;
    List<WrkResult> results = new ArrayList<>();
    try {
      results.add(wrk("direct", backendPort, host, null));
      if (options.nginx() != null) {
        int nginxPort = freePort();
        try (NginxProcess nginx = NginxProcess.start(options.nginx(), nginxPort, backendPort, 1)) {
          results.add(wrk("nginx", nginxPort, host, null));
        }
      }
      results.add(wrk("proxy", proxyPort, host, "zlh_ide_session=" + cookie));
    } finally {
      await(proxy.stop());
      await(forwarder.close());
      await(backend.close());
    }
    return results;
  }

  private WrkResult wrk(String target, int port, String host, String cookie) throws IOException, InterruptedException {
    if (!options.warmup().isZero()) {
      wrk(target, port, host, cookie, options.warmup());
    }
    return wrk(target, port, host, cookie, options.duration());
  }

  private WrkResult wrk(String target, int port, String host, String cookie, Duration duration)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(options.wrk(),
        "-t" + options.threads(), "-c" + options.connections(), "-d" + duration.toSeconds() + "s", "--latency",
        "-H", "Host: " + host));
    if (cookie != null) {
      command.add("-H");
      command.add("Cookie: " + cookie);
    }
    command.add("http://127.0.0.1:" + port + "/");
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
