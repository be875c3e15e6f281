package com.zerolaghub.proxy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP server for the proxy alone: the app deploys it on its own port (e.g. for the dev
 * hosts) when the proxy runs apart from the API. It listens on several event loops (one per
 * core by default, as nginx's {@code worker_processes auto}); Vert.x shares the port among them.
 * The handler must therefore be safe to call from several event loops at once.
 */
public final class ProxyServer {
  private final Vertx vertx;
  private final Handler<HttpServerRequest> handler;
  private final HttpServerOptions options;
  private final int eventLoops;
  private final List<String> deployments = new ArrayList<>();
  private int port = -1;

  /** Default server options: compression is the upstream's business, not ours. */
  public ProxyServer(Vertx vertx, Handler<HttpServerRequest> handler) {
    this(vertx, handler, new HttpServerOptions().setCompressionSupported(false));
  }

  public ProxyServer(Vertx vertx, Handler<HttpServerRequest> handler, HttpServerOptions options) {
    this(vertx, handler, options, Runtime.getRuntime().availableProcessors());
  }

  /** @param eventLoops how many event loops accept and serve connections */
  public ProxyServer(Vertx vertx, Handler<HttpServerRequest> handler, HttpServerOptions options, int eventLoops) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.options = Objects.requireNonNull(options, "options");
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be positive: " + eventLoops);
    }
    this.eventLoops = eventLoops;
  }

  /** Listens on {@code port} (0: any free port); answers the port bound. */
  public synchronized Future<Integer> start(int port) {
    if (!deployments.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("already started on " + this.port));
    }
    HttpServerOptions listen;
    try {
      // Vert.x shares a port among listeners that ask for the same number, but not 0
      listen = new HttpServerOptions(options).setPort(port == 0 ? freePort(options.getHost()) : port);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    Set<Integer> bound = ConcurrentHashMap.newKeySet();
    return vertx.deployVerticle(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            return vertx.createHttpServer(listen).requestHandler(handler).listen()
                .onSuccess(server -> bound.add(server.actualPort()));
          }
        }, new DeploymentOptions().setInstances(eventLoops))
        .compose(id -> {
          synchronized (this) {
            deployments.add(id);
            if (bound.size() != 1) {
              return Future.failedFuture(new IllegalStateException("listeners bound different ports: " + bound));
            }
            this.port = bound.iterator().next();
            return Future.succeededFuture(this.port);
          }
        });
  }

  /** Stops listening and closes open connections, tunnels included. */
  public synchronized Future<Void> stop() {
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : deployments) {
      undeployed.add(vertx.undeploy(id));
    }
    deployments.clear();
    port = -1;
    return Future.all(undeployed).mapEmpty();
  }

  public synchronized int port() {
    return port;
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return probe.getLocalPort();
    }
  }
}
