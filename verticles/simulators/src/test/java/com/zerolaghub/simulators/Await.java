package com.zerolaghub.simulators;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waits for futures on the test thread (never an event loop), with a deadline. */
final class Await {
  private static final long SECONDS = 10;

  private Await() {}

  static <T> T result(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  static Throwable failure(Future<?> future) throws Exception {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
      return fail("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** Polls {@code probe} until it yields true or the deadline passes. */
  static void until(Supplier<Boolean> probe, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (Boolean.TRUE.equals(probe.get())) {
        return;
      }
      Thread.sleep(5);
    }
    fail("condition not met within " + deadline);
  }

  /** Polls an async probe until it yields true or the deadline passes. */
  static void untilAsync(Supplier<Future<Boolean>> probe, Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (Boolean.TRUE.equals(result(probe.get()))) {
        return;
      }
      Thread.sleep(5);
    }
    fail("condition not met within " + deadline);
  }
}
