package com.zerolaghub.verticles.accounts;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixed-window counters in Redis: one script increments a key and starts its window on the
 * first hit (INCR + PEXPIRE together, so a key never outlives its window), answering the count
 * and the time left. Counters are what may be lost: a flushed Redis only resets the windows.
 */
final class RedisRateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
  static final String KEY_PREFIX = "zlh:rate:";
  private static final String SCRIPT =
      "local n = redis.call('INCR', KEYS[1]) "
          + "local ttl = redis.call('PTTL', KEYS[1]) "
          + "if n == 1 or ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end "
          + "return {n, ttl}";

  /** The outcome of one counted attempt. */
  record Verdict(boolean allowed, long count, Duration retryAfter) {
    static final Verdict UNCOUNTED = new Verdict(true, 0, Duration.ZERO);
  }

  private final Redis redis;

  RedisRateLimiter(Redis redis) {
    this.redis = redis;
  }

  /**
   * Counts one attempt against {@code limit} per {@code window} under {@code key} (never a
   * secret or raw email: callers hash those). Redis trouble lets the attempt through, logged.
   */
  Future<Verdict> hit(String key, int limit, Duration window) {
    Request eval = Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(KEY_PREFIX + key).arg(window.toMillis());
    return redis.send(eval)
        .map(r -> verdict(r, limit))
        .recover(err -> {
          log.warn("rate limit not counted (Redis: {}); letting the attempt through", err.toString());
          return Future.succeededFuture(Verdict.UNCOUNTED);
        });
  }

  private static Verdict verdict(Response r, int limit) {
    long count = r.get(0).toLong();
    long ttlMillis = Math.max(0, r.get(1).toLong());
    return new Verdict(count <= limit, count, Duration.ofMillis(ttlMillis));
  }
}
