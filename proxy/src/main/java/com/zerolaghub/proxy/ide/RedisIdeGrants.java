package com.zerolaghub.proxy.ide;

import com.zerolaghub.core.accounts.SecretTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * IDE grants in Redis: {@code zlh:ide:token:<sha256>} (with {@code PX} = token life, taken with
 * {@code GETDEL} so a token works once even when two nodes race) and
 * {@code zlh:ide:session:<sha256>} (with the cookie life). Needs Redis 6.2 or later (GETDEL).
 * Losing Redis loses only these short-lived grants: users ask for a new link.
 */
public final class RedisIdeGrants implements IdeGrants {
  static final String TOKEN_PREFIX = "zlh:ide:token:";
  static final String SESSION_PREFIX = "zlh:ide:session:";

  private final Redis redis;

  public RedisIdeGrants(Redis redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  @Override
  public Future<String> issueToken(IdeGrant grant, Duration ttl) {
    return store(TOKEN_PREFIX, grant, ttl);
  }

  @Override
  public Future<Optional<IdeGrant>> redeemToken(String token) {
    return redis.send(Request.cmd(Command.GETDEL).arg(TOKEN_PREFIX + SecretTokens.sha256(token)))
        .map(RedisIdeGrants::grantOf);
  }

  @Override
  public Future<String> openSession(IdeGrant grant, Duration ttl) {
    return store(SESSION_PREFIX, grant, ttl);
  }

  @Override
  public Future<Optional<IdeGrant>> session(String cookieValue) {
    return redis.send(Request.cmd(Command.GET).arg(SESSION_PREFIX + SecretTokens.sha256(cookieValue)))
        .map(RedisIdeGrants::grantOf);
  }

  private Future<String> store(String prefix, IdeGrant grant, Duration ttl) {
    String secret = SecretTokens.newToken();
    Request set = Request.cmd(Command.SET)
        .arg(prefix + SecretTokens.sha256(secret))
        .arg(grant.toJson().encode())
        .arg("PX").arg(Math.max(1, ttl.toMillis()));
    return redis.send(set).map(ok -> secret);
  }

  private static Optional<IdeGrant> grantOf(Response response) {
    if (response == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(IdeGrant.fromJson(new JsonObject(response.toString())));
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // a foreign or damaged value grants nothing
    }
  }
}
