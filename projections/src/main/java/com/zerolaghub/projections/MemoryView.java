package com.zerolaghub.projections;

import io.vertx.core.Future;

/** What readers hold of a memory projection: its latest published view. Safe from any thread. */
public interface MemoryView<V> {

  /**
   * The view as of the last applied batch. Before the first catch-up it is the empty model's
   * view; during a rebuild it stays the serving generation's until the new one has caught up.
   */
  V current();

  /** Completes once the model has reached the head of the log after start. */
  Future<Void> whenCaughtUp();
}
