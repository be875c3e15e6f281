package com.zerolaghub.verticles.smoke;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting for the platform to reach a state, asking again every 100 ms up to a deadline. */
final class Polling {
  private static final long PAUSE_MS = 100;

  private Polling() {}

  /** Answers the first present value; after {@code timeout} fails naming {@code what} and the last thing seen. */
  static <T> T until(String what, Duration timeout, Supplier<Optional<T>> check, Supplier<String> lastSeen) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = check.get();
      if (value.isPresent()) return value.get();
      if (System.nanoTime() > end) {
        throw new SmokeCheckFailed("not " + what + " within " + timeout.toSeconds() + " s; last seen: " + lastSeen.get());
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmokeCheckFailed("interrupted");
    }
  }
}
