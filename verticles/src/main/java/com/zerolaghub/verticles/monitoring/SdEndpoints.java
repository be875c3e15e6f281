package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /sd/exporters}: Prometheus HTTP service discovery. Answers 503 until the read model
 * has caught up with the log after start (Prometheus then keeps its last good list instead of
 * dropping every target), and never lets a cache keep a list: {@code Cache-Control: no-store}.
 */
final class SdEndpoints {
  static final String REFRESH_HEADER = "X-Prometheus-Refresh-Interval-Seconds";
  private static final Logger log = LoggerFactory.getLogger(SdEndpoints.class);
  private static final String JSON = "application/json";

  private final SdAccess access;
  private final MemoryView<MonitoredServers> servers;
  private final ExporterTargetsJson targets;

  SdEndpoints(SdAccess access, MemoryView<MonitoredServers> servers, ExporterTargetsJson targets) {
    this.access = access;
    this.servers = servers;
    this.targets = targets;
  }

  void handle(RoutingContext ctx) {
    switch (access.decide(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      case NOT_CONFIGURED:
        ctx.fail(new ProblemException(ProblemType.UNAVAILABLE,
            "service discovery has no token configured (monitoring.sdToken or monitoring.sdTokenFile); it refuses every request"));
        return;
      case UNAUTHORIZED:
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"zlh-sd\"");
        ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "a valid bearer token is required"));
        return;
      case ALLOWED:
      default:
        break;
    }
    if (!servers.whenCaughtUp().succeeded()) {
      ctx.fail(new ProblemException(ProblemType.UNAVAILABLE, "the server list is still being read from the log; retry shortly"));
      return;
    }
    String refresh = ctx.request().getHeader(REFRESH_HEADER);
    if (refresh != null && refresh.matches("\\d{1,6}")) log.debug("discovery refresh, client interval {} s", refresh);
    MonitoredServers view = servers.current();
    Buffer body = "historical".equals(ctx.request().getParam("include")) ? targets.historical(view) : targets.active(view);
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }
}
