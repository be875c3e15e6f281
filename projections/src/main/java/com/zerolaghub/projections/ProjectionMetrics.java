package com.zerolaghub.projections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The meters of one projection: lag of its serving processor (events, seconds) and its errors.
 * The counter is registered as {@code zlh_projection_errors}; Prometheus exposes it as
 * {@code zlh_projection_errors_total}.
 */
final class ProjectionMetrics {
  private final Counter errors;
  // Gauges hold their source weakly: keep it here, alive as long as the runtime is.
  private final Supplier<LagProbe.Lag> serving;

  /** @param serving lag of the generation readers see; null while unknown */
  ProjectionMetrics(MeterRegistry registry, String projection, Supplier<LagProbe.Lag> serving) {
    this.serving = serving;
    this.errors = Counter.builder("zlh_projection_errors")
        .description("Processor stops and outage episodes of a projection")
        .tag("projection", projection)
        .register(registry);
    Gauge.builder("zlh_projection_lag_events", this, ProjectionMetrics::lagEvents)
        .description("Committed events the projection has not applied yet")
        .tag("projection", projection)
        .register(registry);
    Gauge.builder("zlh_projection_lag_seconds", this, ProjectionMetrics::lagSeconds)
        .description("Age of the oldest event the projection has not applied yet; 0 when caught up")
        .tag("projection", projection)
        .baseUnit("seconds")
        .register(registry);
  }

  void countError() {
    errors.increment();
  }

  private double lagEvents() {
    LagProbe.Lag lag = serving.get();
    return lag == null ? Double.NaN : lag.events();
  }

  private double lagSeconds() {
    LagProbe.Lag lag = serving.get();
    return lag == null ? Double.NaN : lag.seconds();
  }
}
