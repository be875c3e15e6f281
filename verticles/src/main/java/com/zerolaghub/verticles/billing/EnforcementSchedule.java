package com.zerolaghub.verticles.billing;

import com.zerolaghub.projections.lease.RedisLease;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;

/**
 * Runs the enforcement pass on one node at a time: whichever holds the Redis lease runs it
 * every interval; a node that loses or gives up the lease stops its timer.
 */
final class EnforcementSchedule {
  static final String LEASE_KEY = "zlh:lease:billing_enforcement";

  private final Vertx vertx;
  private final RedisLease lease;
  private final BillingEnforcementWorker worker;
  private final long everyMillis;
  private long timer = -1;

  EnforcementSchedule(Vertx vertx, Redis redis, String holder, BillingEnforcementWorker worker, Duration every) {
    this.vertx = vertx;
    this.lease = new RedisLease(vertx, redis, LEASE_KEY, holder, Duration.ofSeconds(15));
    this.worker = worker;
    this.everyMillis = Math.max(10, every.toMillis());
  }

  void start() {
    lease.keep(token -> timer = vertx.setPeriodic(everyMillis, id -> worker.runOnce()), () -> cancelTimer());
  }

  /** Stops the timer and hands the lease to another node; a pass missed meanwhile is taken at its next one. */
  Future<Void> release() {
    cancelTimer();
    return lease.stop();
  }

  private void cancelTimer() {
    if (timer >= 0) vertx.cancelTimer(timer);
    timer = -1;
  }
}
