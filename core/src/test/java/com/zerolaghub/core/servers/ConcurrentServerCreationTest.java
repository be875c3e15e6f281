package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvents;
import com.zerolaghub.events.servers.ServerSpec;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creates racing on the real store: one key makes one server; a quota holds under contention. */
@ExtendWith(VertxExtension.class)
class ConcurrentServerCreationTest {
  private static final EventMetadata META = EventMetadata.system("test");
  static PgEventStore store;
  static EventCodec codec;
  static CreateFlow flow;

  @BeforeAll
  static void setUp(Vertx vertx) {
    var db = TestPostgres.freshDatabase();
    var pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(24)).connectingTo(db.connectOptions()).using(vertx).build();
    codec = new EventCodec().register(ServerEvents.TYPES);
    store = new PgEventStore(pool, codec, new AppendSignal(), null, new SimpleMeterRegistry());
    flow = new CreateFlow(store, codec, Catalog.defaults(), QuotaPolicy.defaults(), 20);
  }

  /** What the API builds per request: fresh ids, owner from the principal. */
  private static CreateServer request(String owner, String key, ServerSpec spec) {
    return new CreateServer(owner, "starter", key, spec, UUID.randomUUID().toString(), UUID.randomUUID().toString(), Instant.now());
  }

  private static Future<List<ServerEvent>> allEvents() {
    return store.readAfter(Checkpoint.START, 100_000)
        .map(events -> events.stream().map(e -> (ServerEvent) codec.decode(e)).toList());
  }

  @Test
  void twentyConcurrentCreatesWithOneKeyMakeOneServerAndOneOperation(VertxTestContext ctx) {
    String owner = UUID.randomUUID().toString();
    ServerSpec spec = new ServerSpec.Game("survival", "vanilla", "game-4g");
    List<Future<Creation.Accepted>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) results.add(flow.create(request(owner, "create-1", spec), META));

    Future.join(results).onComplete(ctx.succeeding(done -> allEvents().onComplete(ctx.succeeding(log -> ctx.verify(() -> {
      List<Creation.Accepted> accepted = results.stream().map(Future::result).toList();
      assertThat(accepted.stream().map(Creation.Accepted::operationId).distinct()).hasSize(1);
      assertThat(accepted.stream().map(Creation.Accepted::serverId).distinct()).hasSize(1);
      assertThat(accepted).filteredOn(a -> !a.replayed()).hasSize(1);

      List<ServerRequested> created = log.stream().filter(e -> e instanceof ServerRequested r && r.ownerId().equals(owner))
          .map(ServerRequested.class::cast).toList();
      assertThat(created).singleElement().satisfies(r -> {
        assertThat(r.serverId()).isEqualTo(accepted.get(0).serverId());
        assertThat(r.operationId()).isEqualTo(accepted.get(0).operationId());
      });
      assertThat(OperationViews.fold(log).values()).filteredOn(v -> v.ownerId().equals(owner)).hasSize(1);

      // The same key with another body is refused, and creates nothing.
      flow.create(request(owner, "create-1", new ServerSpec.Game("survival", "vanilla", "game-8g")), META)
          .onComplete(ctx.failing(err -> ctx.verify(() -> {
            assertThat(err).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("idempotency-key-reused"));
            store.readStream(ServerStreams.ownerServers(owner)).onComplete(ctx.succeeding(slots -> ctx.verify(() -> {
              assertThat(slots).hasSize(1);
              ctx.completeNow();
            })));
          })));
    })))));
  }

  @Test
  void theQuotaHoldsUnderConcurrentCreatesAndRefusesAnAccountAtItsLimit(VertxTestContext ctx) {
    String owner = UUID.randomUUID().toString();
    List<Future<Creation.Accepted>> burst = new ArrayList<>();
    for (int i = 0; i < 10; i++) burst.add(flow.create(request(owner, "k-" + i, new ServerSpec.Dev("lab-" + i, "node", "22", false)), META));

    Future.join(burst).onComplete(first -> ctx.verify(() -> {
      assertThat(burst).filteredOn(Future::succeeded).hasSize(QuotaPolicy.DEFAULT_STARTER_LIMIT);
      assertThat(burst).filteredOn(Future::failed).extracting(Future::cause).allSatisfy(err ->
          assertThat(err).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.kind()).isEqualTo(Rejection.Kind.LIMIT_EXCEEDED);
            assertThat(r.getMessage()).contains("allows 3 servers");
          }));

      // At its limit: ten more racing creates are all refused.
      List<Future<Creation.Accepted>> atLimit = new ArrayList<>();
      for (int i = 0; i < 10; i++) atLimit.add(flow.create(request(owner, "late-" + i, new ServerSpec.Dev("late-" + i, "go", "1.22", true)), META));
      Future.join(atLimit).onComplete(second -> allEvents().onComplete(ctx.succeeding(log -> ctx.verify(() -> {
        assertThat(atLimit).allMatch(Future::failed);
        long servers = log.stream().filter(e -> e instanceof ServerRequested r && r.ownerId().equals(owner)).count();
        assertThat(servers).isEqualTo(3);
        store.readStream(ServerStreams.ownerServers(owner)).onComplete(ctx.succeeding(slots -> ctx.verify(() -> {
          assertThat(OwnerSlots.fold(slots.stream().map(e -> (ServerEvent) codec.decode(e)).toList()).count()).isEqualTo(3);
          ctx.completeNow();
        })));
      }))));
    }));
  }
}
