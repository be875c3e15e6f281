package com.zerolaghub.proxy.impl.ide;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingIdeGrantsTest {
  private static final IdeGrant GRANT = new IdeGrant("srv-1", 101, "user-alice", false, "s-alice");

  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicLong now = new AtomicLong();
  private Promise<Optional<IdeGrant>> pending = Promise.promise();

  private final IdeGrants store = new IdeGrants() {
    @Override
    public Future<String> issueToken(IdeGrant grant, Duration ttl) {
      return Future.succeededFuture("t");
    }

    @Override
    public Future<Optional<IdeGrant>> redeemToken(String token) {
      lookups.incrementAndGet();
      return Future.succeededFuture(Optional.of(GRANT));
    }

    @Override
    public Future<String> openSession(IdeGrant grant, Duration ttl) {
      return Future.succeededFuture("c");
    }

    @Override
    public Future<Optional<IdeGrant>> session(String cookieValue) {
      lookups.incrementAndGet();
      return pending.future();
    }
  };

  private final CachingIdeGrants cache = new CachingIdeGrants(store, Duration.ofSeconds(30), 100, now::get);

  @Test
  void concurrentAndRepeatedLookupsOfOneCookieAskTheStoreOnce() {
    Future<Optional<IdeGrant>> first = cache.session("c");
    Future<Optional<IdeGrant>> second = cache.session("c");
    pending.complete(Optional.of(GRANT));
    now.addAndGet(Duration.ofSeconds(29).toNanos());

    assertThat(cache.session("c").result()).contains(GRANT);
    assertThat(first.result()).contains(GRANT);
    assertThat(second.result()).contains(GRANT);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void aRememberedSessionAnswersOnTheCallersThreadNotOnTheStoresEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      // like the Redis client's answers: bound to the event loop of the client's connection
      Future<Optional<IdeGrant>> onStoreLoop = vertx.timer(1).map(t -> Optional.of(GRANT));
      CachingIdeGrants redisLike = new CachingIdeGrants(new IdeGrants() {
        @Override
        public Future<String> issueToken(IdeGrant grant, Duration ttl) {
          return store.issueToken(grant, ttl);
        }

        @Override
        public Future<Optional<IdeGrant>> redeemToken(String token) {
          return store.redeemToken(token);
        }

        @Override
        public Future<String> openSession(IdeGrant grant, Duration ttl) {
          return store.openSession(grant, ttl);
        }

        @Override
        public Future<Optional<IdeGrant>> session(String cookieValue) {
          return onStoreLoop;
        }
      }, Duration.ofSeconds(30), 100, now::get);
      redisLike.session("c").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

      AtomicReference<Thread> answeredOn = new AtomicReference<>();
      redisLike.session("c").onComplete(result -> answeredOn.set(Thread.currentThread()));

      assertThat(answeredOn).hasValue(Thread.currentThread());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFoundSessionIsAskedAgainOnceStale() {
    pending.complete(Optional.of(GRANT));
    cache.session("c");
    now.addAndGet(Duration.ofSeconds(31).toNanos());
    pending = Promise.promise();
    pending.complete(Optional.empty());

    assertThat(cache.session("c").result()).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void missesAndFailuresAreNotRemembered() {
    pending.complete(Optional.empty());
    cache.session("c");
    pending = Promise.promise();
    pending.fail("redis down");
    cache.session("c");
    pending = Promise.promise();
    pending.complete(Optional.of(GRANT));

    assertThat(cache.session("c").result()).contains(GRANT);
    assertThat(lookups).hasValue(3);
  }

  @Test
  void tokensAreNeverCached() {
    cache.redeemToken("t");
    cache.redeemToken("t");

    assertThat(lookups).hasValue(2);
  }
}
