package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
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
 * Losing Redis loses only these short-lived grants: users ask for a new link. Each value is
 * sealed with the platform's key ({@link GrantSeal}): a value written by anyone else grants nothing.
 */
public final class RedisIdeGrants implements IdeGrants {
  static final String TOKEN_PREFIX = "zlh:ide:token:";
  static final String SESSION_PREFIX = "zlh:ide:session:";

  private final Redis redis;
  private final GrantSeal seal;

  /** @param key the platform's IDE grant key (32 bytes or more), the same on every node */
  public RedisIdeGrants(Redis redis, byte[] key) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.seal = new GrantSeal(key);
  }

  @Override
  public Future<String> issueToken(IdeGrant grant, Duration ttl) {
    return store(TOKEN_PREFIX, grant, ttl);
  }

  @Override
  public Future<Optional<IdeGrant>> redeemToken(String token) {
    String key = TOKEN_PREFIX + SecretTokens.sha256(token);
    return redis.send(Request.cmd(Command.GETDEL).arg(key)).map(r -> grantOf(key, r));
  }

  @Override
  public Future<String> openSession(IdeGrant grant, Duration ttl) {
    return store(SESSION_PREFIX, grant, ttl);
  }

  @Override
  public Future<Optional<IdeGrant>> session(String cookieValue) {
    String key = SESSION_PREFIX + SecretTokens.sha256(cookieValue);
    return redis.send(Request.cmd(Command.GET).arg(key)).map(r -> grantOf(key, r));
  }

  private Future<String> store(String prefix, IdeGrant grant, Duration ttl) {
    String secret = SecretTokens.newToken();
    String key = prefix + SecretTokens.sha256(secret);
    Request set = Request.cmd(Command.SET)
        .arg(key)
        .arg(seal.seal(key, GrantJson.of(grant).encode()))
        .arg("PX").arg(Math.max(1, ttl.toMillis()));
    return redis.send(set).map(ok -> secret);
  }

  private Optional<IdeGrant> grantOf(String key, Response response) {
    if (response == null) {
      return Optional.empty();
    }
    Optional<String> value = seal.open(key, response.toString());
    if (value.isEmpty()) {
      return Optional.empty(); // not sealed by the platform: forged, or from before sealing
    }
    try {
      return Optional.of(GrantJson.grant(new JsonObject(value.get())));
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // a foreign or damaged value grants nothing
    }
  }
}
