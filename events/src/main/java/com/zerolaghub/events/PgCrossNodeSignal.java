package com.zerolaghub.events;

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
 * commits on PostgreSQL's notify lock, so this sends at most one NOTIFY at a time per node,
 * outside any append, and folds everything appended meanwhile into the next one.
 */
public final class PgCrossNodeSignal {
  static final String CHANNEL = "zlh_event_log";
  private static final Logger log = LoggerFactory.getLogger(PgCrossNodeSignal.class);

  private final Pool pool;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final AtomicBoolean dirty = new AtomicBoolean();
  private PgSubscriber subscriber;

  public PgCrossNodeSignal(Pool pool) {
    this.pool = pool;
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
    dirty.set(true);
    if (inFlight.compareAndSet(false, true)) send();
  }

  private void send() {
    dirty.set(false);
    pool.query("NOTIFY " + CHANNEL).execute().onComplete(ar -> {
      if (ar.failed()) log.debug("cross-node wake-up not sent: {}", ar.cause().getMessage());
      inFlight.set(false);
      if (dirty.get() && inFlight.compareAndSet(false, true)) send();
    });
  }

  public Future<Void> close() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }
}
