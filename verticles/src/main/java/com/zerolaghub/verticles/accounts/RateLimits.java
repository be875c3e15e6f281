package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.Registration;
import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.verticles.config.AuthConfig;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits on login, registration and password reset, per client address and per account
 * email. Both are hashed into the key, so Redis holds neither email nor IP addresses. Every
 * counter of an attempt is counted; any one over its limit refuses it with 429 and
 * {@code Retry-After}.
 */
final class RateLimits {
  private final RedisRateLimiter limiter;
  private final AuthConfig config;
  private final Duration window;

  RateLimits(RedisRateLimiter limiter, AuthConfig config) {
    this.limiter = limiter;
    this.config = config;
    this.window = Duration.ofSeconds(config.rateWindowSeconds());
  }

  Future<Void> login(RoutingContext ctx, String ip, String email) {
    return check(ctx, List.of(
        new Counter("login:ip:" + ipKey(ip), config.loginPerIp()),
        new Counter("login:email:" + emailKey(email), config.loginPerEmail())));
  }

  /** Attempts to change the password of a signed-in account count like logins to it. */
  Future<Void> passwordChange(RoutingContext ctx, String ip, String userId) {
    return check(ctx, List.of(
        new Counter("login:ip:" + ipKey(ip), config.loginPerIp()),
        new Counter("login:user:" + userId, config.loginPerEmail())));
  }

  Future<Void> register(RoutingContext ctx, String ip) {
    return check(ctx, List.of(new Counter("register:ip:" + ipKey(ip), config.registerPerIp())));
  }

  Future<Void> resetRequest(RoutingContext ctx, String ip, String email) {
    return check(ctx, List.of(
        new Counter("reset:ip:" + ipKey(ip), config.resetPerIp()),
        new Counter("reset:email:" + emailKey(email), config.resetPerEmail())));
  }

  Future<Void> resetConfirm(RoutingContext ctx, String ip) {
    return check(ctx, List.of(new Counter("reset:ip:" + ipKey(ip), config.resetPerIp())));
  }

  static String ipKey(String ip) {
    return SecretTokens.sha256("ip:" + ip);
  }

  static String emailKey(String email) {
    return SecretTokens.sha256(Registration.normalizeEmail(email));
  }

  private record Counter(String key, int limit) {}

  private Future<Void> check(RoutingContext ctx, List<Counter> counters) {
    List<Future<RedisRateLimiter.Verdict>> hits = new ArrayList<>();
    for (Counter c : counters) hits.add(limiter.hit(c.key(), c.limit(), window));
    return Future.all(hits).compose(all -> {
      boolean refused = false;
      Duration wait = Duration.ZERO;
      for (int i = 0; i < hits.size(); i++) {
        RedisRateLimiter.Verdict v = all.resultAt(i);
        if (v.allowed()) continue;
        refused = true;
        if (v.retryAfter().compareTo(wait) > 0) wait = v.retryAfter();
      }
      if (!refused) return Future.succeededFuture();
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      return Future.failedFuture(new ProblemException(ProblemType.RATE_LIMITED, "too many attempts; try again in " + seconds + " s"));
    });
  }
}
