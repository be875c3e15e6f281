package com.zerolaghub.verticles.monitoring;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A queue's last known depth and oldest item, set by whoever works the queue (after each poll or
 * change) and read when {@code /metrics} is scraped. Thread-safe; setting costs one volatile write.
 */
public final class QueueGauge implements Supplier<QueueSnapshot> {
  private volatile QueueSnapshot last = QueueSnapshot.EMPTY;

  public void set(long depth, Instant oldestEnqueuedAt) {
    last = new QueueSnapshot(depth, oldestEnqueuedAt);
  }

  public void set(QueueSnapshot snapshot) {
    last = snapshot;
  }

  @Override
  public QueueSnapshot get() {
    return last;
  }
}
