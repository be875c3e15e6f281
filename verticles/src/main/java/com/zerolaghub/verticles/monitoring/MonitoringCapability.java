package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.core.infra.prometheus.PrometheusHttpAdapter;
import com.zerolaghub.core.infra.prometheus.PrometheusOptions;
import com.zerolaghub.core.infra.prometheus.PrometheusPort;
import com.zerolaghub.events.servers.ServerEvents;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import com.zerolaghub.projections.monitoring.MonitoredServersProjection;
import com.zerolaghub.verticles.config.MonitoringConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.ReadModels;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Monitoring on this node: the monitored-servers read model, Prometheus discovery
 * ({@code /sd/exporters}), the server-card summary, and the {@code zlh_servers} and
 * {@code provisioning} queue metrics. Start it between the projections setup and launch.
 */
public final class MonitoringCapability implements Capability {
  private final Authentication auth;
  private final ReadModels projections;
  private MemoryView<MonitoredServers> view;
  private PrometheusPort prometheus;
  private volatile boolean sdRefusesAll;

  public MonitoringCapability(Authentication auth, ReadModels projections) {
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

    if (!config.prometheusUrl().isEmpty()) {
      prometheus = new PrometheusHttpAdapter(ctx.vertx(), new PrometheusOptions(config.prometheusUrl(), config.prometheusTimeoutMs()));
    }
    ServerSummaryEndpoints summary = new ServerSummaryEndpoints(view, prometheus,
        Duration.ofSeconds(config.summaryStaleSeconds()));
    api.operation("serverMetricsSummary", auth.required(), summary::handle);

    return SdAccessSource.of(ctx.vertx(), config, ctx.config().infra()).map(access -> {
      sdRefusesAll = access.refusesEveryone();
      SdEndpoints sd = new SdEndpoints(access, view, new ExporterTargetsJson(config.exporterPort()));
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
    if (prometheus != null) prometheus.close();
    return Future.succeededFuture();
  }
}
