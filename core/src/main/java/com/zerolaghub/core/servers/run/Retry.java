package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.infra.RateLimitedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Repeats an idempotent call while it fails transiently, with doubling pauses, until a deadline.
 * A system that answered "too many requests" is not called again before its {@code Retry-After}.
 */
final class Retry {
  private final Vertx vertx;
  private final Duration initial;
  private final Duration max;

  Retry(Vertx vertx, Duration initial, Duration max) {
    this.vertx = vertx;
    this.initial = initial;
    this.max = max;
  }

  /**
   * Runs {@code call} until it succeeds, fails with an error {@code retryable} refuses, or
   * {@code budget} is spent; then fails with the last error.
   */
  <T> Future<T> until(Duration budget, Supplier<Future<T>> call, Predicate<Throwable> retryable) {
    Promise<T> result = Promise.promise();
    attempt(System.nanoTime() + budget.toNanos(), initial.toMillis(), call, retryable, result);
    return result.future();
  }

  /** Polls {@code call} until it answers true, or fails with {@code onTimeout} once {@code budget} is spent. */
  Future<Void> poll(Duration budget, Supplier<Future<Boolean>> call, Predicate<Throwable> retryable, Supplier<RuntimeException> onTimeout) {
    Promise<Void> result = Promise.promise();
    pollStep(System.nanoTime() + budget.toNanos(), initial.toMillis(), call, retryable, onTimeout, result);
    return result.future();
  }

  private <T> void attempt(long deadline, long pause, Supplier<Future<T>> call, Predicate<Throwable> retryable, Promise<T> result) {
    invoke(call).onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        long wait = waitAfter(ar.cause(), pause);
        if (!retryable.test(ar.cause()) || System.nanoTime() + wait * 1_000_000 > deadline) {
          result.fail(ar.cause());
        } else {
          vertx.setTimer(Math.max(1, wait), t -> attempt(deadline, next(pause), call, retryable, result));
        }
      }
    });
  }

  private void pollStep(long deadline, long pause, Supplier<Future<Boolean>> call, Predicate<Throwable> retryable,
                        Supplier<RuntimeException> onTimeout, Promise<Void> result) {
    invoke(call).onComplete(ar -> {
      if (ar.succeeded() && Boolean.TRUE.equals(ar.result())) {
        result.complete();
      } else if (ar.failed() && !retryable.test(ar.cause())) {
        result.fail(ar.cause());
      } else {
        long wait = ar.failed() ? waitAfter(ar.cause(), pause) : pause;
        if (System.nanoTime() + wait * 1_000_000 > deadline) {
          result.fail(ar.failed() && ar.cause() instanceof RateLimitedException ? ar.cause() : onTimeout.get());
        } else {
          vertx.setTimer(Math.max(1, wait), t -> pollStep(deadline, next(pause), call, retryable, onTimeout, result));
        }
      }
    });
  }

  /** The pause before the next attempt: the back-off, or longer when the system asked for it. */
  private static long waitAfter(Throwable failure, long pause) {
    return failure instanceof RateLimitedException limited ? Math.max(pause, limited.retryAfter().toMillis()) : pause;
  }

  private long next(long pause) {
    return Math.min(max.toMillis(), Math.max(1, pause * 2));
  }

  private static <T> Future<T> invoke(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
