package com.zerolaghub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zerolaghub.events.TestEvents.Counted;
import com.zerolaghub.events.TestEvents.Named;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PgEventStoreTest {
  static StoreFixture fx;

  @BeforeAll
  static void setUp(Vertx vertx) {
    EventCodec codec = TestEvents.codec().registerUpcaster(new Upcaster() {
      @Override
      public String eventType() {
        return "test.named";
      }

      @Override
      public int fromVersion() {
        return 1;
      }

      @Override
      public ObjectNode upcast(ObjectNode payload) {
        String[] parts = payload.remove("name").asText().split(" ", 2);
        return payload.put("first", parts[0]).put("last", parts.length > 1 ? parts[1] : "");
      }
    });
    fx = new StoreFixture(vertx, codec);
  }

  private static NewEvent counted(int n) {
    return NewEvent.of(new Counted(n), EventMetadata.system("test").withCorrelation("c-" + n));
  }

  private static StreamId stream() {
    return StreamId.of("thing", UUID.randomUUID().toString());
  }

  @Test
  void appendWithTheExpectedVersionExtendsTheStream(VertxTestContext ctx) {
    StreamId s = stream();
    fx.store.append(s, ExpectedVersion.NO_STREAM, List.of(counted(1), counted(2)))
        .compose(r -> {
          assertThat(r.streamVersion()).isEqualTo(2);
          return fx.store.append(s, ExpectedVersion.exactly(2), List.of(counted(3)));
        })
        .compose(r -> fx.store.readStream(s))
        .onComplete(ctx.succeeding(events -> ctx.verify(() -> {
          assertThat(events).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L, 3L);
          assertThat(events).extracting(e -> ((Counted) fx.codec.decode(e)).n()).containsExactly(1, 2, 3);
          assertThat(events.get(0).metadata().correlationId()).isEqualTo("c-1");
          ctx.completeNow();
        })));
  }

  @Test
  void staleExpectedVersionIsATypedConflictAndAppendsNothing(VertxTestContext ctx) {
    StreamId s = stream();
    fx.store.append(s, ExpectedVersion.NO_STREAM, List.of(counted(1), counted(2)))
        .compose(r -> fx.store.append(s, ExpectedVersion.exactly(1), List.of(counted(99))))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertThat(err).isInstanceOf(WrongExpectedVersionException.class);
          assertThat(((WrongExpectedVersionException) err).stream()).isEqualTo(s);
          fx.store.readStream(s).onComplete(ctx.succeeding(events -> ctx.verify(() -> {
            assertThat(events).hasSize(2);
            ctx.completeNow();
          })));
        })));
  }

  @Test
  void expectingAVersionAheadOfTheStreamLeavesNoGap(VertxTestContext ctx) {
    StreamId s = stream();
    fx.store.append(s, ExpectedVersion.NO_STREAM, List.of(counted(1)))
        .compose(r -> fx.store.append(s, ExpectedVersion.exactly(5), List.of(counted(6))))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertThat(err).isInstanceOf(WrongExpectedVersionException.class);
          ctx.completeNow();
        })));
  }

  @Test
  void naturalKeyAppendHappensOnceEvenWhenRacing(VertxTestContext ctx) {
    // Twenty concurrent "create stream for Stripe event evt_123": exactly one wins.
    StreamId s = StreamId.of("stripe-event", "evt_" + UUID.randomUUID());
    List<Future<AppendResult>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) attempts.add(fx.store.append(s, ExpectedVersion.NO_STREAM, List.of(counted(i))));
    Future.join(attempts).onComplete(done -> ctx.verify(() -> {
      long won = attempts.stream().filter(Future::succeeded).count();
      assertThat(won).isEqualTo(1);
      assertThat(attempts.stream().filter(Future::failed).map(Future::cause))
          .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(WrongExpectedVersionException.class,
              w -> assertThat(w.streamAlreadyExists()).isTrue()));
      fx.store.readStream(s).onComplete(ctx.succeeding(events -> ctx.verify(() -> {
        assertThat(events).hasSize(1);
        ctx.completeNow();
      })));
    }));
  }

  @Test
  void appendsWithoutExpectationNeverLoseAnEventUnderContention(VertxTestContext ctx) {
    StreamId s = stream();
    List<Future<AppendResult>> appends = new ArrayList<>();
    for (int i = 0; i < 30; i++) appends.add(fx.store.append(s, ExpectedVersion.ANY, List.of(counted(i))));
    Future.all(appends).compose(v -> fx.store.readStream(s)).onComplete(ctx.succeeding(events -> ctx.verify(() -> {
      assertThat(events).extracting(RecordedEvent::streamVersion)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
      ctx.completeNow();
    })));
  }

  @Test
  void anAtomicAppendToSeveralStreamsIsAllOrNothing(VertxTestContext ctx) {
    StreamId claim = StreamId.of("claim", UUID.randomUUID().toString());
    StreamId first = stream();
    StreamId second = stream();
    fx.store.appendAtomically(List.of(
            new StreamAppend(claim, ExpectedVersion.NO_STREAM, List.of(counted(1))),
            new StreamAppend(first, ExpectedVersion.NO_STREAM, List.of(counted(2)))))
        // The claim exists now, so this whole append must fail and leave `second` empty.
        .compose(r -> fx.store.appendAtomically(List.of(
            new StreamAppend(second, ExpectedVersion.NO_STREAM, List.of(counted(3))),
            new StreamAppend(claim, ExpectedVersion.NO_STREAM, List.of(counted(4))))))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertThat(err).isInstanceOf(WrongExpectedVersionException.class);
          assertThat(((WrongExpectedVersionException) err).stream()).isEqualTo(claim);
          Future.all(fx.store.readStream(first), fx.store.readStream(second)).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
            assertThat(all.<List<RecordedEvent>>resultAt(0)).hasSize(1);
            assertThat(all.<List<RecordedEvent>>resultAt(1)).isEmpty();
            ctx.completeNow();
          })));
        })));
  }

  @Test
  void anOldSchemaVersionIsUpcastWhenRead(VertxTestContext ctx) throws Exception {
    StreamId s = stream();
    // A version-1 row as an older build wrote it: {"name": "Ada Lovelace"}.
    try (Connection c = fx.db.jdbc(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
            + "VALUES (?, ?, ?, 1, 'test.named', 1, '{\"name\":\"Ada Lovelace\"}'::jsonb, '{\"actor\":\"old\"}'::jsonb)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, s.type());
      ps.setString(3, s.id());
      ps.executeUpdate();
    }
    fx.store.readStream(s).onComplete(ctx.succeeding(events -> ctx.verify(() -> {
      assertThat(fx.codec.decode(events.get(0))).isEqualTo(new Named("Ada", "Lovelace"));
      ctx.completeNow();
    })));
  }

  @Test
  void anUnknownEventTypeIsReportedWithItsPosition(VertxTestContext ctx) throws Exception {
    StreamId s = stream();
    try (Connection c = fx.db.jdbc(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
            + "VALUES (?, ?, ?, 1, 'test.from-the-future', 1, '{}'::jsonb, '{}'::jsonb)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, s.type());
      ps.setString(3, s.id());
      ps.executeUpdate();
    }
    fx.store.readStream(s).onComplete(ctx.succeeding(events -> ctx.verify(() -> {
      RecordedEvent e = events.get(0);
      assertThat(Assertions.catchThrowable(() -> fx.codec.decode(e)))
          .isInstanceOfSatisfying(EventDecodingException.class, d -> {
            assertThat(d.position()).isEqualTo(e.position());
            assertThat(d.getMessage()).contains("test.from-the-future").contains(Long.toString(e.position()));
          });
      ctx.completeNow();
    })));
  }

  @Test
  void theLogRefusesUpdatesAndDeletes() throws Exception {
    try (Connection c = fx.db.jdbc(); var st = c.createStatement()) {
      assertThat(Assertions.catchThrowable(() -> st.executeUpdate("DELETE FROM event_log")))
          .hasMessageContaining("append-only");
      assertThat(Assertions.catchThrowable(() -> st.executeUpdate("UPDATE event_log SET payload = '{}'")))
          .hasMessageContaining("append-only");
    }
  }
}
