package com.zerolaghub.verticles.runtime;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the node gracefully when asked to exit. SIGTERM and SIGINT drain the node (readiness 503,
 * leases handed over, sockets closed with 1012 after {@code http.drainGraceMs}; see
 * {@link Platform#drain()}) and stop it first, and
 * then exit 0: JVM shutdown hooks run concurrently, and the embedded PostgreSQL's own hook
 * would otherwise stop the database under requests still in flight (the JVM's default also
 * exits 143, which systemd reports as a failure). A shutdown hook covers other ways out.
 */
public final class ShutdownSignals {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {}

  public static void install(Platform platform) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndWait(platform), "zlh-shutdown"));
    exitZeroOn("TERM", platform);
    exitZeroOn("INT", platform);
  }

  private static void stopAndWait(Platform platform) {
    try {
      platform.drainAndStop().toCompletionStage().toCompletableFuture()
          .get(platform.drainState().grace().toMillis() + Platform.STOP_BUDGET.toMillis() + 2_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("graceful stop incomplete: {}", e.toString());
    }
  }

  private static void exitZeroOn(String name, Platform platform) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
        log.info("SIG{} received: stopping", name);
        stopAndWait(platform);
        System.exit(0);
      });
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      log.debug("cannot handle SIG{} ({}); the JVM's default applies", name, e.toString());
    }
  }
}
