package com.zerolaghub.verticles.node;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether this node is draining, and the way to ask it to. A draining node answers readiness
 * 503 at once (a front that checks it stops sending requests), puts {@code Connection: close}
 * on every answer, hands its leases to other nodes, and after {@link #grace()} closes its
 * WebSockets with 1012 (Service Restart) and its listener, then stops. One way: a drained node
 * never serves again; the next start of the process does. Safe from any thread.
 */
public final class NodeDrain {
  private final Duration grace;
  private final Supplier<Future<Void>> drainAndStop;
  private volatile Instant since;

  public NodeDrain(Duration grace, Supplier<Future<Void>> drainAndStop) {
    this.grace = grace;
    this.drainAndStop = drainAndStop;
  }

  /** Whether the drain has begun (and the node will not take new work again). */
  public boolean draining() {
    return since != null;
  }

  /** When the drain began, if it has. */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /** How long the node keeps serving after the drain began, before closing sockets and listener. */
  public Duration grace() {
    return grace;
  }

  /** Drains this node and then stops it, as SIGTERM does; completes once it stopped. Idempotent. */
  public Future<Void> drainAndStop() {
    return drainAndStop.get();
  }

  /** Marks the beginning; answers false when the drain had already begun. */
  public synchronized boolean begin() {
    if (since != null) return false;
    since = Instant.now();
    return true;
  }
}
