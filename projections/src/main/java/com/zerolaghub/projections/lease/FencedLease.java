package com.zerolaghub.projections.lease;

import com.zerolaghub.events.Fences;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RedisLease} whose holder writes under a PostgreSQL fence of the same name: after
 * winning the lease it advances the fence, and the store refuses appends carrying any older
 * token (see {@link com.zerolaghub.events.EventMetadata#fencedBy}). Redis tokens restart after a
 * flush; these never go back, so a deposed holder's late append cannot land.
 */
public final class FencedLease {
  private static final Logger log = LoggerFactory.getLogger(FencedLease.class);

  private final Vertx vertx;
  private final RedisLease lease;
  private final Fences fences;
  private final long retryMillis;

  private LongConsumer onAcquired;
  private Runnable onLost;
  private boolean running;
  private long generation;

  public FencedLease(Vertx vertx, RedisLease lease, Fences fences, long retryMillis) {
    this.vertx = vertx;
    this.lease = lease;
    this.fences = fences;
    this.retryMillis = retryMillis;
  }

  /** The fence's name: the lease key. */
  public String fence() {
    return lease.key();
  }

  /** Like {@link RedisLease#keep}, reporting the PostgreSQL fencing token. */
  public void keep(LongConsumer onAcquired, Runnable onLost) {
    this.onAcquired = onAcquired;
    this.onLost = onLost;
    running = true;
    start();
  }

  public Future<Void> stop() {
    running = false;
    generation++;
    return lease.stop();
  }

  public boolean held() {
    return lease.held();
  }

  private void start() {
    long mine = ++generation;
    lease.keep(redisToken -> fences.advance(fence()).onComplete(ar -> {
      if (!running || mine != generation) return;
      if (ar.succeeded()) {
        log.info("fence {} advanced to {}", fence(), ar.result());
        onAcquired.accept(ar.result());
        return;
      }
      // without a fence token the holder cannot write: give the lease up and try again later
      log.warn("fence {} not advanced ({}); releasing the lease", fence(), ar.cause().getMessage());
      lease.stop().onComplete(x -> vertx.setTimer(retryMillis, t -> {
        if (running && mine == generation) start();
      }));
    }), () -> {
      if (running && mine == generation) onLost.run();
    });
  }
}
