package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /metrics} is read by the same Prometheus that reads discovery, so it takes the same
 * bearer token: whenever {@code /sd/exporters} needs one (a token is configured, or
 * {@code infra.mode=proxmox}) so does {@code /metrics}; only development mode leaves both open.
 * Queue depths, account counts and error rates are not for the public.
 */
final class MetricsGuard {
  static final String PATH = "/metrics";
  private final SdAccess access;

  MetricsGuard(SdAccess access) {
    this.access = access;
  }

  /** Placed before the contract's {@code metrics} operation; nothing when development mode leaves it open. */
  void install(Router router) {
    if (access.isOpen()) return;
    router.get(PATH).order(-900).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    switch (access.decide(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      case NOT_CONFIGURED -> ctx.fail(new ProblemException(ProblemType.UNAVAILABLE,
          "metrics need the monitoring token (monitoring.sdToken or monitoring.sdTokenFile), which is not configured"));
      case UNAUTHORIZED -> {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"zlh-metrics\"");
        ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "a valid bearer token is required"));
      }
      case ALLOWED -> ctx.next();
    }
  }
}
