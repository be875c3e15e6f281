package com.zerolaghub.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Starts operations at a fixed rate whatever their latency, and records each one's latency
 * from the moment it was due (not when it happened to start), so a stall shows in the
 * percentiles instead of silently lowering the rate (no coordinated omission).
 */
final class OpenLoop {
  private OpenLoop() {}

  /**
   * Starts operation {@code i} ({@code op.apply(i)}) at {@code start + i / perSecond} and records
   * its latency in {@code latencies.apply(i)}; completes with the number that failed.
   */
  static Future<Integer> run(Vertx vertx, int perSecond, Duration duration, IntFunction<LatencyRecorder> latencies,
      IntFunction<Future<?>> op) {
    Promise<Integer> done = Promise.promise();
    long total = perSecond * duration.toSeconds();
    double intervalNanos = 1e9 / perSecond;
    long start = System.nanoTime();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long[] started = {0};
    vertx.runOnContext(v -> vertx.setPeriodic(1, 1, id -> {
      long due = Math.min(total, (long) ((System.nanoTime() - start) / intervalNanos) + 1);
      for (; started[0] < due; started[0]++) {
        int i = (int) started[0];
        long dueAt = start + (long) (i * intervalNanos);
        LatencyRecorder recorder = latencies.apply(i);
        op.apply(i).onComplete(ar -> {
          recorder.record(System.nanoTime() - dueAt);
          if (ar.failed()) failed.incrementAndGet();
          if (finished.incrementAndGet() == total) done.tryComplete(failed.get());
        });
      }
      if (started[0] >= total) vertx.cancelTimer(id);
    }));
    return done.future();
  }
}
