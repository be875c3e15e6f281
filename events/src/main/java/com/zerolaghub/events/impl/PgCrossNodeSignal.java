package com.zerolaghub.events.impl;

import com.zerolaghub.events.AppendSignal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries wake-ups to other nodes. A NOTIFY inside every append transaction would serialize
 * commits on PostgreSQL's notify lock, so this sends at most one NOTIFY per window per node,
 * outside any append, folding everything appended meanwhile into it. Readers on this node are
 * woken in-process at once; other nodes learn within the window.
 */
public final class PgCrossNodeSignal {
  static final String CHANNEL = "zlh_event_log";
  private static final Logger log = LoggerFactory.getLogger(PgCrossNodeSignal.class);

  public static final long DEFAULT_WINDOW_MS = 5;

  private final Vertx vertx;
  private final Pool pool;
  private final long windowMs;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private PgSubscriber subscriber;

  public PgCrossNodeSignal(Vertx vertx, Pool pool, long windowMs) {
    this.vertx = vertx;
    this.pool = pool;
    this.windowMs = windowMs;
  }

  /** Listens for other nodes' appends and fires {@code signal} on each (with reconnects). */
  public Future<Void> listen(Vertx vertx, PgConnectOptions options, AppendSignal signal) {
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> Math.min(5_000L, 100L << Math.min(attempt, 6)));
    subscriber.channel(CHANNEL).handler(payload -> signal.fire());
    // After a reconnect, wake readers once: anything appended while disconnected is read now.
    subscriber.channel(CHANNEL).subscribeHandler(v -> signal.fire());
    return subscriber.connect();
  }

  /** Called after a local append committed. */
  public void appended() {
    if (scheduled.compareAndSet(false, true)) vertx.setTimer(windowMs, t -> send());
  }

  private void send() {
    // Cleared before sending: an append committed from here on schedules the next window.
    scheduled.set(false);
    pool.query("NOTIFY " + CHANNEL).execute().onComplete(ar -> {
      if (ar.failed()) log.debug("cross-node wake-up not sent: {}", ar.cause().getMessage());
    });
  }

  public Future<Void> close() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }
}
