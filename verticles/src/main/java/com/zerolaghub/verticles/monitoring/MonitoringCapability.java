package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.events.servers.ServerEvents;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import com.zerolaghub.projections.monitoring.MonitoredServersProjection;
import com.zerolaghub.verticles.config.MonitoringConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitoring on this node: the monitored-servers read model, Prometheus discovery
 * ({@code /sd/exporters}), the server-card summary, and the {@code zlh_servers} and
 * {@code provisioning} queue metrics. Start it between the projections setup and launch.
 */
public final class MonitoringCapability implements Capability {
  private static final Logger log = LoggerFactory.getLogger(MonitoringCapability.class);

  private final Authentication auth;
  private final ProjectionsCapability projections;
  private MemoryView<MonitoredServers> view;
  private WebClient client;
  private volatile boolean sdRefusesAll;

  public MonitoringCapability(Authentication auth, ProjectionsCapability projections) {
    this.auth = auth;
    this.projections = projections;
  }

  @Override
  public String name() {
    return "monitoring";
  }

  /** The read model (for tests and benchmarks that wait for their own appends); after start. */
  public MemoryView<MonitoredServers> servers() {
    if (view == null) throw new IllegalStateException("monitoring has not started");
    return view;
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    MonitoringConfig config = ctx.config().monitoring();
    if (!ctx.config().roles().api()) return Future.succeededFuture(); // its routes answer 503 on this node
    ctx.codec().register(ServerEvents.TYPES);
    view = projections.runtime().register(new MonitoredServersProjection());
    ServerGauges.register(ctx.meterRegistry(), view);
    WorkQueueMetrics.register(ctx.meterRegistry(), "provisioning",
        () -> new QueueSnapshot(view.current().provisioningPending(), view.current().oldestProvisioningSince()),
        Clock.systemUTC());

    PrometheusQueries prometheus = null;
    if (!config.prometheusUrl().isEmpty()) {
      client = WebClient.create(ctx.vertx(), new WebClientOptions().setName("prometheus")
          .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.prometheusTimeoutMs())));
      prometheus = new PrometheusQueries(client, config.prometheusUrl(), config.prometheusTimeoutMs());
    }
    ServerSummaryEndpoint summary = new ServerSummaryEndpoint(view, prometheus,
        Duration.ofSeconds(config.summaryStaleSeconds()));
    api.operation("serverMetricsSummary", auth.required(), summary::handle);

    return sdAccess(ctx, config).map(access -> {
      sdRefusesAll = access.refusesEveryone();
      SdEndpoint sd = new SdEndpoint(access, view, new ExporterTargetsJson(config.exporterPort()));
      api.operation("sdExporters", sd::handle);
      api.routes(new MetricsGuard(access)::install);
      return null;
    });
  }

  /** Discovery that refuses every request leaves Prometheus blind: say so where operators look. */
  @Override
  public List<String> readinessWarnings() {
    return sdRefusesAll
        ? List.of("discovery: /sd/exporters refuses every request: set monitoring.sdToken or monitoring.sdTokenFile")
        : List.of();
  }

  @Override
  public Future<Void> stop() {
    if (client != null) client.close();
    return Future.succeededFuture();
  }

  /** The token from the configuration or its file; closed without one unless development mode opens it. */
  private static Future<SdAccess> sdAccess(PlatformContext ctx, MonitoringConfig config) {
    if (!config.sdToken().isEmpty()) return Future.succeededFuture(SdAccess.withToken(config.sdToken()));
    if (!config.sdTokenFile().isEmpty()) {
      return ctx.vertx().fileSystem().readFile(config.sdTokenFile())
          .recover(err -> Future.failedFuture(new IllegalStateException(
              "cannot read monitoring.sdTokenFile " + config.sdTokenFile() + ": " + err.getMessage(), err)))
          .compose(MonitoringCapability::tokenFrom)
          .map(SdAccess::withToken);
    }
    if (config.sdDevelopmentMode() && ctx.config().infra().simulated()) {
      log.warn("DEVELOPMENT MODE: /sd/exporters answers without authentication (no monitoring.sdToken configured). "
          + "Set monitoring.sdToken or monitoring.sdTokenFile before exposing this node.");
      return Future.succeededFuture(SdAccess.open());
    }
    if (config.sdDevelopmentMode()) {
      log.error("monitoring.sdDevelopmentMode is ignored with infra.mode={}: /sd/exporters refuses every request "
          + "until monitoring.sdToken or monitoring.sdTokenFile is set", ctx.config().infra().mode());
    } else {
      log.warn("/sd/exporters refuses every request: no monitoring.sdToken or monitoring.sdTokenFile configured");
    }
    return Future.succeededFuture(SdAccess.closed());
  }

  private static Future<String> tokenFrom(Buffer file) {
    String token = file.toString(StandardCharsets.UTF_8).strip();
    if (token.isEmpty() || token.contains("\n")) {
      return Future.failedFuture(new IllegalStateException("monitoring.sdTokenFile must hold the token on one line"));
    }
    return Future.succeededFuture(token);
  }
}
