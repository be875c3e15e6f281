package com.zerolaghub.bench;

import java.util.Arrays;

/** Collects per-operation latencies (nanoseconds) and reports percentiles in milliseconds. */
class LatencyRecorder {
  private final long[] samples;
  private int n;

  LatencyRecorder(int capacity) {
    samples = new long[capacity];
  }

  synchronized void record(long nanos) {
    if (n < samples.length) samples[n++] = nanos;
  }

  synchronized double percentileMillis(double p) {
    if (n == 0) return Double.NaN;
    long[] sorted = Arrays.copyOf(samples, n);
    Arrays.sort(sorted);
    int idx = (int) Math.min(n - 1, Math.ceil(p / 100.0 * n) - 1);
    return Math.round(sorted[Math.max(0, idx)] / 10_000.0) / 100.0;
  }
}
