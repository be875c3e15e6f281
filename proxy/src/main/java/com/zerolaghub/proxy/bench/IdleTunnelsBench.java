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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.lang.management.ManagementFactory;
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
 * after a full GC. Clients and backends live in the same JVM, so the heap figure is an upper
 * bound for the proxy's share. Needs about 4 file descriptors per WebSocket ({@code ulimit -n}).
 * Blocking; run it from the CLI's thread.
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
  public record Result(int tunnels, double openSeconds, double heapBeforeMiB, double heapHeldMiB, int proxiedOpen) {
    public double perTunnelKiB() {
      return tunnels == 0 ? 0 : (heapHeldMiB - heapBeforeMiB) * 1024 / tunnels;
    }
  }

  private final Vertx vertx;
  private final IdeGrants grants;

  public IdleTunnelsBench(Vertx vertx, IdeGrants grants) {
    this.vertx = vertx;
    this.grants = grants;
  }

  /** File descriptors {@code tunnels} WebSockets need here, with some slack. */
  public static long descriptorsNeeded(int tunnels) {
    return 4L * tunnels + 2_000;
  }

  /** The most WebSockets {@code descriptors} file descriptors allow here. */
  public static int tunnelsAllowedBy(long descriptors) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (descriptors - 2_000) / 4));
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
    List<DevRoute> routes = new ArrayList<>();
    List<String> cookies = new ArrayList<>();
    for (int i = 0; i < backends; i++) {
      String address = "127.0.0." + (2 + i);
      if (i > 0) {
        ProxyServer backend = new ProxyServer(vertx, idle, new HttpServerOptions().setHost(address), 1);
        await(backend.start(backendPort));
        servers.add(backend);
      }
      DevRoute route = new DevRoute("srv-idle-" + i, 1000 + i, "user-bench", address, true, true);
      routes.add(route);
      cookies.add(await(grants.openSession(new IdeGrant(route.serverId(), route.vmid(), "user-bench", false), Duration.ofHours(1))));
    }
    ProxyMetrics metrics = ProxyMetrics.unregistered();
    CodeServerForwarder forwarder = new CodeServerForwarder(vertx, UpstreamOptions.defaults().withCodeServerPort(backendPort), metrics);
    ProxyServer proxy = new ProxyServer(vertx,
        new DevHostProxy(RouteSnapshot.of(routes), new CachingIdeGrants(grants), forwarder, IdeOptions.defaults(DOMAIN)),
        new HttpServerOptions().setHost("127.0.0.1").setCompressionSupported(false), Runtime.getRuntime().availableProcessors());
    int proxyPort = await(proxy.start(0));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(tunnels + 1));
    Queue<WebSocket> open = new ConcurrentLinkedQueue<>();
    try {
      double before = heapAfterGcMiB();
      long t0 = System.nanoTime();
      openAll(client, proxyPort, routes, cookies, tunnels, open);
      double openSeconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(2_000); // idle: nothing moves
      double held = heapAfterGcMiB();
      return new Result(open.size(), openSeconds, before, held, metrics.open(ProxyMetrics.Kind.WEBSOCKET));
    } finally {
      for (WebSocket ws : open) {
        ws.close();
      }
      await(client.close());
      await(proxy.stop());
      await(forwarder.close());
      for (ProxyServer server : servers) {
        await(server.stop());
      }
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

  private static double heapAfterGcMiB() throws InterruptedException {
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
  private static final class QuietBackend implements io.vertx.core.Handler<HttpServerRequest> {
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
