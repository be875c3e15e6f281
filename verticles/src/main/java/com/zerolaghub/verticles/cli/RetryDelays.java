package com.zerolaghub.verticles.cli;

import java.time.Duration;

/** Exponential back-off after consecutive failures: first, 2×first, 4×first, … never above the cap. */
final class RetryDelays {
  private final Duration first;
  private final Duration cap;

  RetryDelays(Duration first, Duration cap) {
    this.first = first;
    this.cap = cap.compareTo(first) < 0 ? first : cap;
  }

  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
  Duration after(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    long millis = first.toMillis() << doublings;
    return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
  }
}
