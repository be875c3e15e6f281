package com.zerolaghub.verticles.monitoring;

import java.time.Instant;

/**
 * A work queue at one moment: how many items wait, and when the oldest of them was enqueued
 * (null when none waits).
 */
public record QueueSnapshot(long depth, Instant oldestEnqueuedAt) {
  public static final QueueSnapshot EMPTY = new QueueSnapshot(0, null);

  public QueueSnapshot {
    if (depth < 0) throw new IllegalArgumentException("depth must not be negative: " + depth);
    if (depth == 0) oldestEnqueuedAt = null;
  }
}
