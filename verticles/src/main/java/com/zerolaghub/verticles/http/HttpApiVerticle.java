package com.zerolaghub.verticles.http;

import com.zerolaghub.verticles.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serves the API router. Undeploying it shuts the server down gracefully: no new connections,
 * requests in flight (and the appends they wait for) get up to the drain time to finish.
 */
public final class HttpApiVerticle extends VerticleBase {
  private final ApiRoutes routes;
  private final HttpConfig config;
  private final Duration drain;
  private HttpServer server;

  public HttpApiVerticle(ApiRoutes routes, HttpConfig config, Duration drain) {
    this.routes = routes;
    this.config = config;
    this.drain = drain;
  }

  @Override
  public Future<?> start() {
    routes.freeze();
    HttpServerOptions options = ConnectionGuard.options(new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setCompressionSupported(true));
    Router router = ApiRouterFactory.create(vertx, routes, config.bodyLimitBytes());
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

  /** The bound port (useful with port 0). */
  public int port() {
    return server.actualPort();
  }
}
