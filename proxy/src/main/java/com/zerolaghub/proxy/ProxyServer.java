package com.zerolaghub.proxy;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;

/**
 * An HTTP server for the proxy alone, without a verticle: the app deploys it on its own port
 * (e.g. for the dev hosts) when the proxy runs apart from the API.
 */
public final class ProxyServer {
  private final Vertx vertx;
  private final Handler<HttpServerRequest> handler;
  private final HttpServerOptions options;
  private HttpServer server;

  /** Default server options: compression is the upstream's business, not ours. */
  public ProxyServer(Vertx vertx, Handler<HttpServerRequest> handler) {
    this(vertx, handler, new HttpServerOptions().setCompressionSupported(false));
  }

  public ProxyServer(Vertx vertx, Handler<HttpServerRequest> handler, HttpServerOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Listens on {@code port} (0: any free port); answers the port bound. */
  public synchronized Future<Integer> start(int port) {
    if (server != null) {
      return Future.failedFuture(new IllegalStateException("already started on " + server.actualPort()));
    }
    return vertx.createHttpServer(new HttpServerOptions(options).setPort(port))
        .requestHandler(handler)
        .listen()
        .map(s -> {
          synchronized (this) {
            server = s;
          }
          return s.actualPort();
        });
  }

  /** Stops listening and closes open connections, tunnels included. */
  public synchronized Future<Void> stop() {
    HttpServer running = server;
    server = null;
    return running == null ? Future.succeededFuture() : running.close();
  }

  public synchronized int port() {
    return server == null ? -1 : server.actualPort();
  }
}
