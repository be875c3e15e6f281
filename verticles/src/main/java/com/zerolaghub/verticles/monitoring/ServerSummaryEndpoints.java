package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.infra.prometheus.PrometheusPort;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.monitoring.Lifecycle;
import com.zerolaghub.projections.monitoring.MonitoredServer;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/metrics/servers/{vmid}/summary}: CPU, memory, disk and network of one
 * container for its card, from Prometheus. Only the owner (or an admin) gets an answer; anyone
 * else gets the same 404 as for a vmid nobody holds. Prometheus unreachable, slow or failing:
 * 503, so the portal can tell "no metrics service" from "this server has no fresh data"
 * (a 200 with {@code null} figures and {@code stale: true}).
 */
final class ServerSummaryEndpoints {
  private static final Logger log = LoggerFactory.getLogger(ServerSummaryEndpoints.class);

  private final MemoryView<MonitoredServers> servers;
  private final PrometheusPort prometheus;
  private final Duration staleAfter;

  /** @param prometheus null when no Prometheus is configured */
  ServerSummaryEndpoints(MemoryView<MonitoredServers> servers, PrometheusPort prometheus, Duration staleAfter) {
    this.servers = servers;
    this.prometheus = prometheus;
    this.staleAfter = staleAfter;
  }

  void handle(RoutingContext ctx) {
    Principal principal = Authentication.principal(ctx);
    int vmid = ValidatedRequests.of(ctx).getPathParameters().get("vmid").getInteger();
    if (!servers.whenCaughtUp().succeeded()) {
      throw new ProblemException(ProblemType.UNAVAILABLE, "the server list is still being read from the log; retry shortly");
    }
    MonitoredServer server = servers.current().byVmid(vmid)
        .filter(s -> s.lifecycle() != Lifecycle.DELETED && principal.mayAccess(s.ownerId()))
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no server with vmid " + vmid));
    if (prometheus == null) {
      throw new ProblemException(ProblemType.UNAVAILABLE, "no metrics service is configured");
    }
    prometheus.instant(ServerCardQuery.promql(vmid))
        .map(data -> ServerCardQuery.summarize(data, staleAfter))
        .onSuccess(summary -> ctx.json(summary.toJson()))
        .onFailure(err -> {
          log.atWarn().setMessage("metrics summary unavailable").addKeyValue("vmid", vmid)
              .addKeyValue("serverId", server.serverId()).addKeyValue("reason", err.getMessage()).log();
          ctx.fail(new ProblemException(ProblemType.UNAVAILABLE, "the metrics service is unavailable; retry later"));
        });
  }
}
