package com.zerolaghub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.TestEvents.Counted;
import com.zerolaghub.events.impl.PgFences;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FencingTest {
  static StoreFixture fx;
  static PgFences fences;

  @BeforeAll
  static void setUp(Vertx vertx) {
    fx = new StoreFixture(vertx, TestEvents.codec());
    fences = new PgFences(fx.pool);
  }

  private static NewEvent fenced(String fence, long token, int n) {
    return NewEvent.of(new Counted(n), EventMetadata.system("test").fencedBy(fence, token));
  }

  @Test
  void aDeposedHoldersLateAppendIsRefusedAndLeavesNothing(VertxTestContext ctx) {
    String fence = "controller-" + UUID.randomUUID();
    StreamId s = StreamId.of("thing", UUID.randomUUID().toString());
    fences.advance(fence).compose(old -> {
      assertThat(old).isEqualTo(1L);
      return fx.store.append(s, ExpectedVersion.ANY, List.of(fenced(fence, old, 1)))
          .compose(r -> fences.advance(fence))
          .compose(next -> {
            assertThat(next).isEqualTo(2L);
            return fx.store.append(s, ExpectedVersion.ANY, List.of(fenced(fence, old, 2)))
                .map(r -> (Throwable) null).recover(Future::succeededFuture)
                .compose(refusal -> {
                  assertThat(refusal).isInstanceOf(FencedOutException.class).hasMessageContaining(fence);
                  return fx.store.append(s, ExpectedVersion.ANY, List.of(fenced(fence, next, 3)));
                });
          });
    }).compose(r -> fx.store.readStream(s)).onComplete(ctx.succeeding(events -> ctx.verify(() -> {
      assertThat(events).extracting(e -> ((Counted) fx.codec.decode(e)).n()).containsExactly(1, 3);
      assertThat(events.get(1).metadata().fencingToken()).isEqualTo(2L);
      ctx.completeNow();
    })));
  }

  @Test
  void anAtomicAppendWithAStaleTokenAppendsNoStreamAtAll(VertxTestContext ctx) {
    String fence = "ops-" + UUID.randomUUID();
    StreamId a = StreamId.of("thing", UUID.randomUUID().toString());
    StreamId b = StreamId.of("thing", UUID.randomUUID().toString());
    fences.advance(fence).compose(old -> fences.advance(fence).compose(next -> fx.store.appendAtomically(List.of(
            new StreamAppend(a, ExpectedVersion.NO_STREAM, List.of(NewEvent.of(new Counted(1), EventMetadata.system("t")))),
            new StreamAppend(b, ExpectedVersion.NO_STREAM, List.of(fenced(fence, old, 2)))))))
        .map(r -> (Throwable) null).recover(Future::succeededFuture)
        .compose(refusal -> {
          assertThat(refusal).isInstanceOf(FencedOutException.class);
          return fx.store.readStream(a).compose(ea -> fx.store.readStream(b).map(eb -> List.of(ea.size(), eb.size())));
        })
        .onComplete(ctx.succeeding(sizes -> ctx.verify(() -> {
          assertThat(sizes).containsExactly(0, 0);
          ctx.completeNow();
        })));
  }

  @Test
  void aFenceNobodyAdvancedRefusesEveryToken(VertxTestContext ctx) {
    StreamId s = StreamId.of("thing", UUID.randomUUID().toString());
    fx.store.append(s, ExpectedVersion.ANY, List.of(fenced("never-taken-" + UUID.randomUUID(), 1, 1)))
        .map(r -> (Throwable) null).recover(Future::succeededFuture)
        .onComplete(ctx.succeeding(refusal -> ctx.verify(() -> {
          assertThat(refusal).isInstanceOf(FencedOutException.class);
          ctx.completeNow();
        })));
  }
}
