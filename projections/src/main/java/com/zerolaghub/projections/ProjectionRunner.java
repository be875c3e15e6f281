package com.zerolaghub.projections;

import io.vertx.core.Future;
import java.util.List;

/** Runs one registered projection on this node. All methods but {@link #status} on the runtime's context. */
interface ProjectionRunner {
  String name();

  void start();

  Future<Void> stop();

  /** Builds a new generation beside the serving one; completes once readers see it. */
  Future<Void> rebuild();

  /** Completes when this node can answer reads from a caught-up model. */
  Future<Void> ready();

  /** Refreshes lag (and, for tables, what other nodes did). */
  Future<Void> probe();

  /** Safe from any thread. */
  List<ProjectionStatus> status();
}
