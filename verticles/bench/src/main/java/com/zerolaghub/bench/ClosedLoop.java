package com.zerolaghub.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs {@code total} async operations keeping exactly {@code concurrency} in flight, records
 * each one's latency, and completes with the elapsed nanoseconds.
 */
final class ClosedLoop {
  private ClosedLoop() {}

  static Future<Long> run(Vertx vertx, int total, int concurrency, LatencyRecorder latencies, IntFunction<Future<?>> op) {
    Promise<Long> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    vertx.runOnContext(v -> {
      for (int i = 0; i < concurrency; i++) launch(total, latencies, op, next, finished, start, done);
    });
    return done.future();
  }

  private static void launch(int total, LatencyRecorder latencies, IntFunction<Future<?>> op,
                             AtomicInteger next, AtomicInteger finished, long start, Promise<Long> done) {
    int i = next.getAndIncrement();
    if (i >= total) return;
    long t = System.nanoTime();
    op.apply(i).onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      latencies.record(System.nanoTime() - t);
      if (finished.incrementAndGet() == total) {
        done.tryComplete(System.nanoTime() - start);
      } else {
        launch(total, latencies, op, next, finished, start, done);
      }
    });
  }
}
