package com.zerolaghub.verticles.http;

import com.zerolaghub.verticles.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;

/**
 * Serves the API router. Undeploying it shuts the server down gracefully: no new connections,
 * requests in flight (and the appends they wait for) get up to the drain time to finish. While
 * the node drains, every answer (those of requests already in flight included) carries
 * {@code Connection: close} and ends its connection, so keep-alive clients come back through
 * the front, to another node.
 */
public final class HttpApiVerticle extends VerticleBase {
  private final ApiRoutes routes;
  private final HttpConfig config;
  private final Duration drain;
  private final BooleanSupplier draining;
  private HttpServer server;

  public HttpApiVerticle(ApiRoutes routes, HttpConfig config, Duration drain, BooleanSupplier draining) {
    this.routes = routes;
    this.config = config;
    this.drain = drain;
    this.draining = draining;
  }

  @Override
  public Future<?> start() {
    routes.freeze();
    HttpServerOptions options = ConnectionGuard.options(new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setCompressionSupported(true));
    Router router = ApiRouterFactory.create(vertx, routes, config.bodyLimitBytes());
    router.route().order(Integer.MIN_VALUE).handler(this::closeWhenDraining);
    new SecurityHeaders(config.publicUrl()).mountOn(router);
    return ConnectionGuard.install(vertx.createHttpServer(options), options, config)
        .requestHandler(router)
        .listen()
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + err.getMessage(), err)))
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(drain.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Decided when the answer's head goes out, so a request that began before the drain closes too. */
  private void closeWhenDraining(RoutingContext ctx) {
    if (!ctx.request().headers().contains("Upgrade") && ctx.request().version() != HttpVersion.HTTP_2) {
      boolean[] closing = {false};
      ctx.addHeadersEndHandler(v -> {
        if (!draining.getAsBoolean()) return;
        closing[0] = true;
        ctx.response().putHeader("Connection", "close");
      });
      ctx.addBodyEndHandler(v -> {
        if (closing[0]) ctx.request().connection().close();
      });
    }
    ctx.next();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.actualPort();
  }
}
