package com.zerolaghub.projections;

import java.time.Duration;

/** A delay that doubles from a minimum to a maximum and starts over on {@link #reset()}. */
final class BackOff {
  private final long minMillis;
  private final long maxMillis;
  private long next;

  BackOff(Duration min, Duration max) {
    this.minMillis = Math.max(1, min.toMillis());
    this.maxMillis = Math.max(minMillis, max.toMillis());
    this.next = minMillis;
  }

  long next() {
    long delay = next;
    next = Math.min(maxMillis, next * 2);
    return delay;
  }

  void reset() {
    next = minMillis;
  }
}
