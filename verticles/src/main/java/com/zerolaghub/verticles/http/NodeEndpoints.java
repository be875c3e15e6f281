package com.zerolaghub.verticles.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/** Binds the node's own operations of the contract: health, readiness, metrics and the contract itself. */
public final class NodeEndpoints {
  private NodeEndpoints() {}

  /** @param draining whether the node drains: readiness then answers 503 without asking its checks */
  public static void register(ApiRoutes routes, Readiness readiness, PrometheusMeterRegistry registry,
      BooleanSupplier draining) {
    HealthEndpoints health = new HealthEndpoints(readiness, draining);
    String yaml = routes.contract().yaml();
    routes.operation("healthLive", health::live);
    routes.operation("healthReady", health::ready);
    routes.operation("metrics", ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
    routes.operation("openapiContract", ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .end(yaml));
  }
}
