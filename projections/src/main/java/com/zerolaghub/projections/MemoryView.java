package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
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

  /**
   * Completes once {@link #current()} reflects every event up to {@code checkpoint} (a
   * {@link com.zerolaghub.events.RecordedEvent#checkpoint()} this node appended, say), so a
   * writer can answer only after its own write is visible here: read-your-writes. Completes on
   * the caller's Vert.x context when there is one. Never fails; bound the wait with a timer.
   */
  Future<Void> whenApplied(Checkpoint checkpoint);
}
