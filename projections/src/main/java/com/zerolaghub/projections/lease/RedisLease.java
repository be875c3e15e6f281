package com.zerolaghub.projections.lease;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one instance, across all nodes, the holder of a named singleton role. The key holds
 * the owner's value with a TTL ({@code SET key value NX PX ttl}); each acquisition takes a
 * fencing token from {@code INCR key:fence}, both in one script so a lease never exists without
 * its token. Renewal and release are compare-and-set scripts, so an instance can only extend
 * or delete its own lease.
 *
 * <p>Redis may lose everything ({@code FLUSHALL}): the holder notices at its next renewal,
 * reports the loss and acquires again. Fencing tokens restart at 1 after a flush, so they
 * order holders only between flushes; work guarded by a lease must also be guarded where it
 * lands (e.g. a compare-and-set on a PostgreSQL token).
 *
 * <p>{@link #keep} runs on the calling Vert.x context and calls its callbacks there.
 */
public final class RedisLease {
  private static final Logger log = LoggerFactory.getLogger(RedisLease.class);

  // KEYS[1] lease, KEYS[2] fencing counter; ARGV[1] owner, ARGV[2] ttl ms. Returns the token, or 0.
  static final String ACQUIRE =
      "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('incr', KEYS[2]) end return 0";
  static final String RENEW =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";
  static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

  private final Vertx vertx;
  private final Redis redis;
  private final String key;
  private final String owner;
  private final long ttlMillis;

  private boolean running;
  private boolean reacquire;
  private boolean held;
  private long fencingToken;
  private long lastConfirmedAt;
  private long timer = -1;
  private boolean outage;
  private LongConsumer onAcquired;
  private Runnable onLost;

  public RedisLease(Vertx vertx, Redis redis, String key, String owner, Duration ttl) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.key = Objects.requireNonNull(key, "key");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.ttlMillis = ttl.toMillis();
    if (ttlMillis < 3) throw new IllegalArgumentException("lease ttl too short: " + ttl);
  }

  public String key() {
    return key;
  }

  /** Takes the lease if free: the new fencing token, or null while someone else holds it. */
  public Future<Long> tryAcquire() {
    return eval(ACQUIRE, key + ":fence", Long.toString(ttlMillis)).map(r -> r == 0 ? null : r);
  }

  /** Extends this owner's lease by the TTL; false when it expired or belongs to someone else. */
  public Future<Boolean> renew() {
    return eval(RENEW, null, Long.toString(ttlMillis)).map(r -> r == 1);
  }

  /** Deletes the lease if this owner holds it. */
  public Future<Boolean> release() {
    return eval(RELEASE, null, null).map(r -> r == 1);
  }

  /**
   * Keeps trying to hold the lease until {@link #stop}: acquires when free, renews every third
   * of the TTL, reports {@code onAcquired(fencingToken)} and {@code onLost} (renewal refused, or
   * no successful renewal for a whole TTL), then tries again.
   */
  public void keep(LongConsumer onAcquired, Runnable onLost) {
    if (running) throw new IllegalStateException("lease " + key + " is already kept");
    this.onAcquired = Objects.requireNonNull(onAcquired, "onAcquired");
    this.onLost = Objects.requireNonNull(onLost, "onLost");
    running = true;
    reacquire = true;
    tick();
  }

  /**
   * One attempt: when the lease is free, takes it and renews it until {@link #stop}, calling
   * {@code onLost} (once, without trying again) if it is lost meanwhile. Answers whether it was
   * taken.
   */
  public Future<Boolean> hold(Runnable onLost) {
    if (running) throw new IllegalStateException("lease " + key + " is already kept");
    this.onAcquired = token -> {};
    this.onLost = Objects.requireNonNull(onLost, "onLost");
    long sentAt = System.currentTimeMillis();
    return tryAcquire().map(token -> {
      if (token == null) return false;
      held = true;
      running = true;
      reacquire = false;
      fencingToken = token;
      lastConfirmedAt = sentAt;
      timer = vertx.setTimer(Math.max(1, ttlMillis / 3), id -> tick());
      return true;
    });
  }

  /** Stops keeping the lease and releases it if held. Does not call {@code onLost}. */
  public Future<Void> stop() {
    running = false;
    if (timer >= 0) vertx.cancelTimer(timer);
    timer = -1;
    if (!held) return Future.succeededFuture();
    held = false;
    return release().<Void>mapEmpty().recover(err -> {
      log.debug("lease {} not released (it expires by itself): {}", key, err.getMessage());
      return Future.succeededFuture();
    });
  }

  public boolean held() {
    return held;
  }

  /** Token of the current holding; meaningful while {@link #held()}. */
  public long fencingToken() {
    return fencingToken;
  }

  private void tick() {
    timer = -1;
    if (!running) return;
    (held ? renewStep() : acquireStep()).onComplete(ar -> {
      if (running) timer = vertx.setTimer(Math.max(1, ttlMillis / 3), id -> tick());
    });
  }

  private Future<Void> acquireStep() {
    long sentAt = System.currentTimeMillis();
    return tryAcquire().transform(ar -> {
      if (ar.failed()) {
        unreachable(ar.cause());
        return Future.succeededFuture();
      }
      reachable();
      Long token = ar.result();
      if (token == null) return Future.succeededFuture();
      if (!running) return release().<Void>mapEmpty().recover(err -> Future.succeededFuture());
      held = true;
      fencingToken = token;
      lastConfirmedAt = sentAt;
      log.info("lease {} acquired (fencing token {})", key, token);
      onAcquired.accept(token);
      return Future.succeededFuture();
    });
  }

  private Future<Void> renewStep() {
    long sentAt = System.currentTimeMillis();
    return renew().transform(ar -> {
      if (!held || !running) return Future.succeededFuture();
      if (ar.succeeded() && ar.result()) {
        reachable();
        lastConfirmedAt = sentAt;
        return Future.succeededFuture();
      }
      if (ar.succeeded()) {
        reachable();
        lose("it expired or another owner holds it");
        return reacquire ? acquireStep() : Future.succeededFuture();
      }
      unreachable(ar.cause());
      if (System.currentTimeMillis() - lastConfirmedAt >= ttlMillis) lose("it could not be renewed for a whole TTL");
      return Future.succeededFuture();
    });
  }

  private void lose(String why) {
    held = false;
    if (!reacquire) running = false;
    log.warn("lease {} lost: {}", key, why);
    onLost.run();
  }

  private void unreachable(Throwable err) {
    if (!outage) {
      outage = true;
      log.warn("lease {}: Redis unreachable, retrying every {} ms: {}", key, ttlMillis / 3, err.getMessage());
    }
  }

  private void reachable() {
    if (outage) {
      outage = false;
      log.info("lease {}: Redis reachable again", key);
    }
  }

  private Future<Long> eval(String script, String secondKey, String ttlArg) {
    Request req = Request.cmd(Command.EVAL).arg(script).arg(secondKey == null ? 1 : 2).arg(key);
    if (secondKey != null) req.arg(secondKey);
    req.arg(owner);
    if (ttlArg != null) req.arg(ttlArg);
    return redis.send(req).map(RedisLease::toLong);
  }

  private static long toLong(Response r) {
    return r == null ? 0 : r.toLong();
  }
}
