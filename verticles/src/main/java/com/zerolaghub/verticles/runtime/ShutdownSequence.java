package com.zerolaghub.verticles.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stop steps one after another, each bounded by its own limit and by what is left of the
 * overall budget. A step that fails or overruns is logged and skipped, never blocks the next:
 * a node that is told to stop must stop.
 */
final class ShutdownSequence {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

  private final Vertx vertx;
  private final long deadline;

  ShutdownSequence(Vertx vertx, Duration budget) {
    this.vertx = vertx;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /** Always succeeds, after the step completed, failed or ran out of time. */
  Future<Void> step(String name, Duration limit, Supplier<Future<?>> action) {
    long left = Math.max(1, Math.min(limit.toMillis(), (deadline - System.nanoTime()) / 1_000_000));
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(left, t -> {
      if (done.tryComplete()) log.warn("stop step '{}' did not finish within {} ms; going on", name, left);
    });
    Future<?> running;
    try {
      running = action.get();
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    running.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) log.warn("stop step '{}' failed: {}", name, ar.cause().toString());
      done.tryComplete();
    });
    return done.future();
  }
}
