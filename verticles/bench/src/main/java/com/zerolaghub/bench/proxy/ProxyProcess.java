package com.zerolaghub.bench.proxy;

import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.impl.ide.CodeServerForwarder;
import com.zerolaghub.proxy.impl.ide.RedisIdeGrants;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The dev-host proxy alone in a JVM of its own, so {@code bench proxy} can read the heap idle
 * WebSockets cost the proxy (and so the proxy's two descriptors per WebSocket get a process's
 * whole open-files limit), and the CPU time it spends per request from {@code /proc}. Args:
 * Redis URI, backend port, backends, domain[, pooled connections per backend]. Prints
 * {@code port N} once it listens, then answers {@code heap} (MiB used after full GCs) and
 * {@code open} (WebSockets it carries) read from stdin; exits at end of input.
 */
public final class ProxyProcess {
  private ProxyProcess() {}

  public static void main(String[] args) throws Exception {
    String redisUri = args[0];
    int backendPort = Integer.parseInt(args[1]);
    int backends = Integer.parseInt(args[2]);
    String domain = args[3];
    UpstreamOptions upstream = UpstreamOptions.defaults().withCodeServerPort(backendPort);
    if (args.length > 4) {
      upstream = upstream.withMaxConnectionsPerBackend(Integer.parseInt(args[4]));
    }
    Vertx vertx = Vertx.vertx();
    // as a node's client is configured (redis.maxPoolSize / maxPoolWaiting defaults)
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri).setMaxPoolSize(16).setMaxPoolWaiting(4096));
    ProxyMetrics metrics = ProxyMetrics.unregistered();
    CodeServerForwarder forwarder =
        new CodeServerForwarder(vertx, upstream, metrics);
    ProxyServer proxy = IdleTunnelsBench.devHostProxy(vertx, IdleTunnelsBench.routes(backends), new RedisIdeGrants(redis, BenchGrantKey.BYTES),
        forwarder, domain);
    int port = proxy.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.out.println("port " + port);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      switch (line.trim()) {
        case "heap" -> System.out.println("heap " + IdleTunnelsBench.heapAfterGcMiB());
        case "open" -> System.out.println("open " + metrics.open(ProxyMetrics.Kind.WEBSOCKET));
        default -> System.out.println("unknown " + line);
      }
      System.out.flush();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.exit(0);
  }
}
