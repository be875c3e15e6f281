package com.zerolaghub.bench.proxy;

import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.impl.ide.CachingIdeGrants;
import com.zerolaghub.proxy.impl.ide.CodeServerForwarder;
import com.zerolaghub.proxy.impl.ide.DevHostProxy;
import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench proxy}, idle part: N WebSockets opened through the dev-host proxy (IDE cookie,
 * WebSocket tunnel) to backends on several loopback addresses (as containers: at most
 * {@link UpstreamOptions#DEFAULT_MAX_TUNNELS_PER_BACKEND} each), held idle, and the heap used
 * after a full GC. Given a Redis URI, the proxy runs in a JVM of its own ({@link ProxyProcess})
 * and the heap is the proxy's alone; each process then needs about 2 file descriptors per
 * WebSocket. Without one, clients, backends and proxy share this JVM (an upper bound, 4
 * descriptors per WebSocket). Blocking; run it from the CLI's thread.
 */
public final class IdleTunnelsBench {
  private static final String DOMAIN = "bench.test";
  private static final int PER_BACKEND = 200;
  private static final int IN_FLIGHT = 128;

  /**
   * @param tunnels WebSockets held open
   * @param openSeconds how long opening them all took
   * @param heapBeforeMiB heap used after GC with everything started but no WebSocket open
   * @param heapHeldMiB heap used after GC with all of them open and idle
   * @param proxiedOpen tunnels the proxy's metrics count as open then
   */
  public record Result(int tunnels, double openSeconds, double heapBeforeMiB, double heapHeldMiB, int proxiedOpen,
                       boolean proxyApart) {
    public double perTunnelKiB() {
      return tunnels == 0 ? 0 : (heapHeldMiB - heapBeforeMiB) * 1024 / tunnels;
    }
  }

  private final Vertx vertx;
  private final IdeGrants grants;
  private final String redisUri;

  /** Proxy in this JVM. */
  public IdleTunnelsBench(Vertx vertx, IdeGrants grants) {
    this(vertx, grants, null);
  }

  /** Proxy in a JVM of its own, reading sessions from the Redis at {@code redisUri} ({@code grants} writes there). */
  public IdleTunnelsBench(Vertx vertx, IdeGrants grants, String redisUri) {
    this.vertx = vertx;
    this.grants = grants;
    this.redisUri = redisUri;
  }

  private int descriptorsPerTunnel() {
    return redisUri == null ? 4 : 2;
  }

  /** File descriptors {@code tunnels} WebSockets need in each process, with some slack. */
  public long descriptorsNeeded(int tunnels) {
    return (long) descriptorsPerTunnel() * tunnels + 2_000;
  }

  /** The most WebSockets {@code descriptors} file descriptors (per process) allow. */
  public int tunnelsAllowedBy(long descriptors) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (descriptors - 2_000) / descriptorsPerTunnel()));
  }

  /** The dev-host proxy as the bench runs it, in this JVM or in {@link ProxyProcess}: sessions cached over {@code grants}. */
  static ProxyServer devHostProxy(Vertx vertx, List<DevRoute> routes, IdeGrants grants, CodeServerForwarder forwarder, String domain) {
    return new ProxyServer(vertx,
        new DevHostProxy(RouteSnapshot.of(routes), new CachingIdeGrants(grants), forwarder, IdeOptions.defaults(domain),
            sessionId -> true),
        new HttpServerOptions().setHost("127.0.0.1").setCompressionSupported(false), Runtime.getRuntime().availableProcessors());
  }

  /** The bench's dev servers: one per loopback backend address, 127.0.0.2 on. */
  static List<DevRoute> routes(int backends) {
    List<DevRoute> routes = new ArrayList<>();
    for (int i = 0; i < backends; i++) {
      routes.add(new DevRoute("srv-idle-" + i, 1000 + i, "user-bench", "127.0.0." + (2 + i), true, true));
    }
    return routes;
  }

  public Result run(int tunnels) throws Exception {
    int backends = Math.max(1, (tunnels + PER_BACKEND - 1) / PER_BACKEND);
    if (backends > 250) {
      throw new IllegalArgumentException("at most " + 250 * PER_BACKEND + " tunnels (one loopback address per " + PER_BACKEND + ")");
    }
    List<ProxyServer> servers = new ArrayList<>();
    // a dev container's code-server: takes the upgrade and keeps quiet
    QuietBackend idle = new QuietBackend();
    ProxyServer first = new ProxyServer(vertx, idle, new HttpServerOptions().setHost("127.0.0.2"), 1);
    int backendPort = await(first.start(0));
    servers.add(first);
    List<DevRoute> routes = routes(backends);
    List<String> cookies = new ArrayList<>();
    for (int i = 0; i < backends; i++) {
      if (i > 0) {
        ProxyServer backend = new ProxyServer(vertx, idle, new HttpServerOptions().setHost(routes.get(i).address()), 1);
        await(backend.start(backendPort));
        servers.add(backend);
      }
      DevRoute route = routes.get(i);
      cookies.add(await(grants.openSession(new IdeGrant(route.serverId(), route.vmid(), "user-bench", false, "session-bench"), Duration.ofHours(1))));
    }
    Proxy proxy = redisUri == null ? new InProcessProxy(backendPort, routes) : new ChildProxy(backendPort, backends);
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(tunnels + 1));
    Queue<WebSocket> open = new ConcurrentLinkedQueue<>();
    try {
      double before = proxy.heapMiB();
      long t0 = System.nanoTime();
      openAll(client, proxy.port(), routes, cookies, tunnels, open);
      double openSeconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(2_000); // idle: nothing moves
      double held = proxy.heapMiB();
      return new Result(open.size(), openSeconds, before, held, proxy.openWebSockets(), redisUri != null);
    } finally {
      for (WebSocket ws : open) {
        ws.close();
      }
      await(client.close());
      proxy.close();
      for (ProxyServer server : servers) {
        await(server.stop());
      }
    }
  }

  /** Where the proxy runs, and how its heap and tunnels are read. */
  private interface Proxy {
    int port();

    double heapMiB() throws Exception;

    int openWebSockets() throws Exception;

    void close() throws Exception;
  }

  private final class InProcessProxy implements Proxy {
    private final ProxyMetrics metrics = ProxyMetrics.unregistered();
    private final CodeServerForwarder forwarder;
    private final ProxyServer server;
    private final int port;

    InProcessProxy(int backendPort, List<DevRoute> routes) throws Exception {
      forwarder = new CodeServerForwarder(vertx, UpstreamOptions.defaults().withCodeServerPort(backendPort), metrics);
      server = devHostProxy(vertx, routes, grants, forwarder, DOMAIN);
      port = await(server.start(0));
    }

    public int port() {
      return port;
    }

    public double heapMiB() throws Exception {
      return heapAfterGcMiB();
    }

    public int openWebSockets() {
      return metrics.open(ProxyMetrics.Kind.WEBSOCKET);
    }

    public void close() throws Exception {
      await(server.stop());
      await(forwarder.close());
    }
  }

  /** {@link ProxyProcess} in a JVM of its own. */
  private final class ChildProxy implements Proxy {
    private final ChildJvm child;

    ChildProxy(int backendPort, int backends) throws Exception {
      child = new ChildJvm(ProxyProcess.class, List.of(), redisUri, Integer.toString(backendPort), Integer.toString(backends), DOMAIN);
    }

    public int port() {
      return child.port();
    }

    public double heapMiB() throws Exception {
      return Double.parseDouble(child.answer("heap", "heap"));
    }

    public int openWebSockets() throws Exception {
      return Integer.parseInt(child.answer("open", "open"));
    }

    public void close() throws Exception {
      child.close();
    }
  }

  private void openAll(WebSocketClient client, int proxyPort, List<DevRoute> routes, List<String> cookies, int tunnels,
      Queue<WebSocket> open) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger settled = new AtomicInteger();
    Runnable[] openOne = new Runnable[1];
    openOne[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= tunnels) {
        return;
      }
      int r = i % routes.size();
      WebSocketConnectOptions connect = new WebSocketConnectOptions()
          .setHost("127.0.0.1")
          .setPort(proxyPort)
          .setURI("/")
          .addHeader("Host", "dev-" + routes.get(r).vmid() + "." + DOMAIN + ":" + proxyPort)
          .addHeader("Cookie", "zlh_ide_session=" + cookies.get(r));
      client.connect(connect).onComplete(result -> {
        if (result.succeeded()) {
          open.add(result.result());
        } else if (failures.incrementAndGet() == 1) {
          done.tryFail(result.cause());
        }
        if (settled.incrementAndGet() == tunnels) {
          done.tryComplete();
        } else {
          vertx.runOnContext(v -> openOne[0].run()); // not from this stack: a quick failure would recurse
        }
      });
    };
    vertx.runOnContext(v -> {
      for (int k = 0; k < IN_FLIGHT; k++) {
        openOne[0].run();
      }
    });
    done.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  static double heapAfterGcMiB() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Upgrades every WebSocket request and holds it; answers anything else with 200. */
  private static final class QuietBackend implements Handler<HttpServerRequest> {
    @Override
    public void handle(HttpServerRequest request) {
      if (request.canUpgradeToWebSocket()) {
        request.toWebSocket();
      } else {
        request.response().end("ok");
      }
    }
  }
}
