package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.controller.DriftKind;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.controller.DriftBoard;
import com.zerolaghub.verticles.monitoring.QueueSnapshot;
import com.zerolaghub.verticles.monitoring.WorkQueueMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The controller's metrics, on every node (each has the drift board; only the leader passes):
 * {@code zlh_controller_leader} (1 on the leader, 0 elsewhere),
 * {@code zlh_controller_last_pass_duration_seconds} and {@code zlh_controller_last_pass_age_seconds}
 * (of this node's last successful pass; NaN on a node that never ran one),
 * {@code zlh_controller_open_findings{kind}} (every kind, 0 when none),
 * {@code zlh_controller_pending_repairs}, and the {@code repair} work queue
 * ({@code zlh_queue_depth} / {@code zlh_queue_oldest_age_seconds}, by when each pending repair was planned).
 * Read from memory at scrape time.
 */
final class ControllerMetrics {
  static final String LEADER = "zlh_controller_leader";
  static final String LAST_PASS_DURATION = "zlh_controller_last_pass_duration_seconds";
  static final String LAST_PASS_AGE = "zlh_controller_last_pass_age_seconds";
  static final String OPEN_FINDINGS = "zlh_controller_open_findings";
  static final String PENDING_REPAIRS = "zlh_controller_pending_repairs";

  private ControllerMetrics() {}

  /** {@code controller} answers this node's controller, or null without the controller role. */
  static void register(MeterRegistry registry, MemoryView<DriftBoard> board, Supplier<Controller> controller, Clock clock) {
    Gauge.builder(LEADER, () -> {
      Controller c = controller.get();
      return c != null && c.leader() ? 1 : 0;
    }).description("1 on the node holding the controller lease, 0 on the others").register(registry);
    Gauge.builder(LAST_PASS_DURATION, () -> {
      Controller c = controller.get();
      return c == null || c.lastPassEndedAtMillis() == 0 ? Double.NaN : c.lastPassDurationMillis() / 1000.0;
    }).description("Duration of this node's last successful drift pass").baseUnit("seconds").register(registry);
    Gauge.builder(LAST_PASS_AGE, () -> {
      Controller c = controller.get();
      return c == null || c.lastPassEndedAtMillis() == 0 ? Double.NaN
          : Math.max(0, System.currentTimeMillis() - c.lastPassEndedAtMillis()) / 1000.0;
    }).description("Time since this node's last successful drift pass ended").baseUnit("seconds").register(registry);
    for (DriftKind kind : DriftKind.values()) {
      String wire = kind.wireName();
      Gauge.builder(OPEN_FINDINGS, () -> board.current().openFindings().stream().filter(f -> wire.equals(f.kind())).count())
          .description("Open drift findings, by kind").tag("kind", wire).register(registry);
    }
    Gauge.builder(PENDING_REPAIRS, () -> board.current().pending().size())
        .description("Live repairs planned or started and not finished").register(registry);
    WorkQueueMetrics.register(registry, "repair", () -> {
      List<DriftBoard.Repair> pending = board.current().pending();
      return pending.isEmpty() ? QueueSnapshot.EMPTY : new QueueSnapshot(pending.size(), pending.get(0).plannedAt());
    }, clock);
  }
}
