package com.zerolaghub.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CommandHandlerTest {
  static CommandHandler handler;
  static PgEventStore store;
  final CounterDecider decider = new CounterDecider();

  @BeforeAll
  static void setUp(Vertx vertx) {
    var db = TestPostgres.freshDatabase();
    var pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16)).connectingTo(db.connectOptions()).using(vertx).build();
    EventCodec codec = new EventCodec().register(CounterDecider.Added.class);
    store = new PgEventStore(pool, codec, new AppendSignal(), null, new SimpleMeterRegistry());
    handler = new CommandHandler(store, codec, 50);
  }

  @Test
  void concurrentCommandsAreRedecidedOnFreshStateAndTheRuleHolds(VertxTestContext ctx) {
    // 30 writers add 5 each to a counter capped at 100: exactly 20 may succeed.
    StreamId s = StreamId.of("counter", UUID.randomUUID().toString());
    List<Future<CommandResult<Integer>>> results = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      results.add(handler.handle(s, decider, new CounterDecider.Add(5), EventMetadata.system("test")));
    }
    Future.join(results).onComplete(done -> ctx.verify(() -> {
      assertThat(results.stream().filter(Future::succeeded).count()).isEqualTo(20);
      assertThat(results.stream().filter(Future::failed).map(Future::cause))
          .allSatisfy(e -> assertThat(e).isInstanceOf(Rejection.class));
      handler.load(s, decider).onComplete(ctx.succeeding(loaded -> ctx.verify(() -> {
        assertThat(loaded.state()).isEqualTo(100);
        assertThat(loaded.version()).isEqualTo(20);
        ctx.completeNow();
      })));
    }));
  }

  @Test
  void aRejectedCommandAppendsNothing(VertxTestContext ctx) {
    StreamId s = StreamId.of("counter", UUID.randomUUID().toString());
    handler.handle(s, decider, new CounterDecider.Add(-1), EventMetadata.system("test"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertThat(err).isInstanceOf(Rejection.class);
          store.readStream(s).onComplete(ctx.succeeding(events -> ctx.verify(() -> {
            assertThat(events).isEmpty();
            ctx.completeNow();
          })));
        })));
  }

  @Test
  void aCommandOnAStaleKnownStateIsDecidedAgainOnTheStreamAsItIs(VertxTestContext ctx) {
    // The caller knows the counter at 0 (version 0), but another writer has added 98 since:
    // adding 5 on what the caller knows would pass, on the stream as it is it must be refused.
    StreamId s = StreamId.of("counter", UUID.randomUUID().toString());
    CommandHandler.Loaded<Integer> stale = new CommandHandler.Loaded<>(0, 0);
    handler.handle(s, decider, new CounterDecider.Add(98), EventMetadata.system("other"))
        .compose(other -> handler.handle(s, decider, new CounterDecider.Add(5), EventMetadata.system("test"), stale))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertThat(err).isInstanceOf(Rejection.class);
          handler.load(s, decider).onComplete(ctx.succeeding(loaded -> ctx.verify(() -> {
            assertThat(loaded.state()).isEqualTo(98);
            assertThat(loaded.version()).isEqualTo(1);
            ctx.completeNow();
          })));
        })));
  }

  @Test
  void aCommandOnTheKnownStateAppendsAtItsVersionAndAnswersTheNextOne(VertxTestContext ctx) {
    StreamId s = StreamId.of("counter", UUID.randomUUID().toString());
    handler.handle(s, decider, new CounterDecider.Add(10), EventMetadata.system("test"))
        .compose(first -> handler.handle(s, decider, new CounterDecider.Add(7), EventMetadata.system("test"),
            new CommandHandler.Loaded<>(first.state(), first.version())))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertThat(second.state()).isEqualTo(17);
          assertThat(second.version()).isEqualTo(2);
          handler.load(s, decider).onComplete(ctx.succeeding(loaded -> ctx.verify(() -> {
            assertThat(loaded.state()).isEqualTo(17);
            assertThat(loaded.version()).isEqualTo(2);
            ctx.completeNow();
          })));
        })));
  }
}
