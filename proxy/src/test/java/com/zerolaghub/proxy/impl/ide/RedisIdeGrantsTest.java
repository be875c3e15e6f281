package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.testing.TestGrantKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.proxy.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisIdeGrantsTest {
  private static final IdeGrant GRANT = new IdeGrant("srv-1", 101, "user-alice", false, "s-alice");
  private static final byte[] KEY = TestGrantKey.BYTES;

  private static Vertx vertx;
  private static Redis redis;
  private static RedisIdeGrants grants;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, TestRedis.uri());
    grants = new RedisIdeGrants(redis, KEY);
  }

  @AfterAll
  static void stop() {
    redis.close();
    Await.result(vertx.close());
  }

  @Test
  void aTokenIsRedeemedExactlyOnceEvenWhenRaced() {
    String token = Await.result(grants.issueToken(GRANT, Duration.ofSeconds(60)));

    List<Future<Optional<IdeGrant>>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racers.add(grants.redeemToken(token));
    }
    Await.result(Future.join(racers));

    assertThat(racers.stream().filter(f -> f.result().isPresent()).count()).isEqualTo(1);
    assertThat(racers.stream().flatMap(f -> f.result().stream())).containsExactly(GRANT);
  }

  @Test
  void secretsAreStoredOnlyAsHashesWithTheirLifetime() {
    String token = Await.result(grants.issueToken(GRANT, Duration.ofSeconds(60)));
    String cookie = Await.result(grants.openSession(GRANT, Duration.ofHours(12)));

    long tokenTtl = Await.result(redis.send(Request.cmd(Command.PTTL).arg(RedisIdeGrants.TOKEN_PREFIX + SecretTokens.sha256(token)))).toLong();
    long sessionTtl = Await.result(redis.send(Request.cmd(Command.TTL).arg(RedisIdeGrants.SESSION_PREFIX + SecretTokens.sha256(cookie)))).toLong();
    long raw = Await.result(redis.send(Request.cmd(Command.EXISTS).arg(RedisIdeGrants.TOKEN_PREFIX + token))).toLong();

    assertThat(tokenTtl).isBetween(1L, 60_000L);
    assertThat(sessionTtl).isBetween(43_000L, 43_200L);
    assertThat(raw).isZero();
  }

  @Test
  void aSessionIsReadManyTimesAndAnUnknownOneIsEmpty() {
    String cookie = Await.result(grants.openSession(GRANT, Duration.ofHours(12)));

    assertThat(Await.result(grants.session(cookie))).contains(GRANT);
    assertThat(Await.result(grants.session(cookie))).contains(GRANT);
    assertThat(Await.result(grants.session("made-up"))).isEmpty();
  }

  @Test
  void aGrantWrittenToRedisWithoutThePlatformKeyOpensNothing() {
    // whoever can write to Redis but lacks the key: the old, unsealed format, for an admin grant
    String cookie = "forged-cookie";
    String key = RedisIdeGrants.SESSION_PREFIX + SecretTokens.sha256(cookie);
    String forged = new JsonObject().put("serverId", "srv-1").put("vmid", 101)
        .put("userId", "user-mallory").put("admin", true).put("sessionId", "s-m").encode();
    Await.result(redis.send(Request.cmd(Command.SET).arg(key).arg(forged)));
    assertThat(Await.result(grants.session(cookie))).isEmpty();

    // sealed under another key
    RedisIdeGrants otherKey = new RedisIdeGrants(redis, "another-key-of-32-bytes-or-more!!".getBytes());
    String theirs = Await.result(otherKey.openSession(GRANT, Duration.ofHours(1)));
    assertThat(Await.result(grants.session(theirs))).isEmpty();
  }

  @Test
  void aSealedGrantMovedUnderAnotherCookieOpensNothing() {
    String cookie = Await.result(grants.openSession(GRANT, Duration.ofHours(1)));
    String value = Await.result(redis.send(Request.cmd(Command.GET).arg(RedisIdeGrants.SESSION_PREFIX + SecretTokens.sha256(cookie)))).toString();
    Await.result(redis.send(Request.cmd(Command.SET).arg(RedisIdeGrants.SESSION_PREFIX + SecretTokens.sha256("chosen")).arg(value)));

    assertThat(Await.result(grants.session("chosen"))).isEmpty();
    assertThat(Await.result(grants.session(cookie))).contains(GRANT);
  }

  @Test
  void aDamagedValueGrantsNothing() {
    Await.result(redis.send(Request.cmd(Command.SET).arg(RedisIdeGrants.SESSION_PREFIX + SecretTokens.sha256("c")).arg("{not json")));

    assertThat(Await.result(grants.session("c"))).isEmpty();
  }
}
