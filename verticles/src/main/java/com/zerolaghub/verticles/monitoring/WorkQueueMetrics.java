package com.zerolaghub.verticles.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code zlh_queue_depth{queue}} and {@code zlh_queue_oldest_age_seconds{queue}} for one work
 * queue ({@code provisioning}, {@code repair}, {@code billing_enforcement}), which the alerts
 * {@code ZlhQueueStale} and {@code ZlhQueueBacklogGrowing} watch. The source is asked at every
 * scrape, on the scraping thread: it must answer from memory (a {@link QueueGauge} or a
 * projection's view), never block. The age is 0 when the queue is empty.
 *
 * <pre>{@code
 * QueueGauge repair = WorkQueueMetrics.gauge(ctx.meterRegistry(), "repair");
 * repair.set(pending.size(), pending.isEmpty() ? null : pending.first().enqueuedAt());
 * }</pre>
 */
public final class WorkQueueMetrics {
  public static final String DEPTH = "zlh_queue_depth";
  public static final String OLDEST_AGE = "zlh_queue_oldest_age_seconds";

  private final String queue;
  private final Supplier<QueueSnapshot> source;
  private final Clock clock;

  private WorkQueueMetrics(String queue, Supplier<QueueSnapshot> source, Clock clock) {
    this.queue = queue;
    this.source = source;
    this.clock = clock;
  }

  /** A settable gauge for {@code queue}, registered. */
  public static QueueGauge gauge(MeterRegistry registry, String queue) {
    QueueGauge gauge = new QueueGauge();
    register(registry, queue, gauge, Clock.systemUTC());
    return gauge;
  }

  /**
   * Registers both meters of {@code queue}, read from {@code source} at scrape time. One source
   * per queue and registry: a second registration fails, rather than one silently shadowing the other.
   */
  public static WorkQueueMetrics register(MeterRegistry registry, String queue, Supplier<QueueSnapshot> source, Clock clock) {
    Objects.requireNonNull(source, "source");
    if (!queue.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("queue name must be snake_case: " + queue);
    if (registry.find(DEPTH).tag("queue", queue).gauge() != null) {
      throw new IllegalStateException("queue " + queue + " already has metrics");
    }
    WorkQueueMetrics metrics = new WorkQueueMetrics(queue, source, clock);
    // Strong references: the registry keeps these gauges' sources alive as long as it lives.
    Gauge.builder(DEPTH, metrics, WorkQueueMetrics::depth)
        .description("Items waiting in a work queue")
        .tag("queue", queue)
        .strongReference(true)
        .register(registry);
    Gauge.builder(OLDEST_AGE, metrics, WorkQueueMetrics::oldestAgeSeconds)
        .description("Age of the oldest item waiting in a work queue; 0 when empty")
        .tag("queue", queue)
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    return metrics;
  }

  public String queue() {
    return queue;
  }

  private double depth() {
    return source.get().depth();
  }

  private double oldestAgeSeconds() {
    QueueSnapshot s = source.get();
    if (s.oldestEnqueuedAt() == null) return 0;
    return Math.max(0, Duration.between(s.oldestEnqueuedAt(), clock.instant()).toMillis() / 1000.0);
  }
}
