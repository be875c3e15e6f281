package com.zerolaghub.projections.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RedisLeaseTest {
  private Redis redis;
  private String key;

  @BeforeEach
  void setUp(Vertx vertx, TestInfo info) {
    redis = Redis.createClient(vertx, TestRedis.uri());
    key = "lease-test:" + info.getTestMethod().orElseThrow().getName();
  }

  @Test
  void onlyOneOwnerHoldsTheLeaseAndEachAcquisitionGetsAHigherFencingToken(Vertx vertx) {
    RedisLease a = new RedisLease(vertx, redis, key, "a", Duration.ofSeconds(5));
    RedisLease b = new RedisLease(vertx, redis, key, "b", Duration.ofSeconds(5));

    Long first = await(a.tryAcquire());
    assertThat(first).isNotNull();
    assertThat(await(b.tryAcquire())).as("b while a holds it").isNull();
    assertThat(await(a.release())).isTrue();
    Long second = await(b.tryAcquire());
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void onlyTheOwnerCanRenewOrReleaseItsLease(Vertx vertx) {
    RedisLease a = new RedisLease(vertx, redis, key, "a", Duration.ofSeconds(5));
    RedisLease b = new RedisLease(vertx, redis, key, "b", Duration.ofSeconds(5));
    await(a.tryAcquire());

    assertThat(await(b.renew())).isFalse();
    assertThat(await(b.release())).isFalse();
    assertThat(await(a.renew())).isTrue();
    assertThat(await(redis.send(Request.cmd(Command.GET).arg(key))).toString()).isEqualTo("a");
    assertThat(await(a.release())).isTrue();
    assertThat(await(a.renew())).as("renewing a released lease").isFalse();
  }

  @Test
  void aLeaseNotRenewedExpiresAndAnotherOwnerTakesIt(Vertx vertx) {
    RedisLease a = new RedisLease(vertx, redis, key, "a", Duration.ofMillis(100));
    RedisLease b = new RedisLease(vertx, redis, key, "b", Duration.ofMillis(100));
    await(a.tryAcquire());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    Long taken = null;
    while (taken == null && System.nanoTime() < deadline) taken = await(b.tryAcquire());
    assertThat(taken).isNotNull();
    assertThat(await(a.renew())).isFalse();
  }

  @Test
  void aKeptLeaseIsLostAndTakenAgainAfterFlushAll(Vertx vertx) {
    RedisLease a = new RedisLease(vertx, redis, key, "a", Duration.ofMillis(300));
    List<String> events = new CopyOnWriteArrayList<>();
    vertx.runOnContext(v -> a.keep(token -> events.add("acquired " + token), () -> events.add("lost")));
    eventually(() -> events.size() == 1);

    await(redis.send(Request.cmd(Command.FLUSHALL)));
    eventually(() -> events.size() == 3);
    assertThat(events).containsExactly("acquired " + firstToken(events), "lost", "acquired 1");
    AtomicBoolean stopped = new AtomicBoolean();
    vertx.runOnContext(v -> a.stop().onComplete(ar -> stopped.set(true)));
    eventually(stopped::get);
    assertThat(await(redis.send(Request.cmd(Command.EXISTS).arg(key))).toInteger()).as("released on stop").isZero();
  }

  private static String firstToken(List<String> events) {
    return events.get(0).substring("acquired ".length());
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 5 s");
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
