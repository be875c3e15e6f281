package com.zerolaghub.verticles.runtime;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the node gracefully when the JVM is asked to exit. The shutdown hook does the work;
 * SIGTERM and SIGINT are turned into {@code System.exit(0)} so a requested stop exits 0 (the
 * JVM's own handling exits 143, which systemd reports as a failure).
 */
public final class ShutdownSignals {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {}

  public static void install(Platform platform) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        platform.stop().toCompletionStage().toCompletableFuture()
            .get(Platform.STOP_BUDGET.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        log.warn("graceful stop incomplete: {}", e.toString());
      }
    }, "zlh-shutdown"));
    exitZeroOn("TERM");
    exitZeroOn("INT");
  }

  private static void exitZeroOn(String name) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
        log.info("SIG{} received: stopping", name);
        System.exit(0);
      });
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      log.debug("cannot handle SIG{} ({}); the JVM's default applies", name, e.toString());
    }
  }
}
