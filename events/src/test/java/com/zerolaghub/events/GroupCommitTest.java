package com.zerolaghub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.TestEvents.Counted;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Concurrent appends share statements and commits, and each still gets its own answer. */
@ExtendWith(VertxExtension.class)
class GroupCommitTest {
  static StoreFixture fx;
  static Vertx vertx;

  @BeforeAll
  static void setUp(Vertx v) {
    vertx = v;
    fx = new StoreFixture(v, TestEvents.codec());
  }

  private static NewEvent counted(int n) {
    return NewEvent.of(new Counted(n), EventMetadata.system("test"));
  }

  private static StreamId fresh() {
    return StreamId.of("thing", UUID.randomUUID().toString());
  }

  /** Makes the appends on one event loop, in one go, as concurrent requests of a verticle would. */
  private static <T> List<Future<T>> onEventLoop(int n, IntFunction<Future<T>> append) throws Exception {
    Promise<List<Future<T>>> made = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      List<Future<T>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) all.add(append.apply(i));
      made.complete(all);
    });
    return await(made.future());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static <T> T settled(Supplier<Future<T>> f) throws Exception {
    return await(f.get());
  }

  @Test
  void concurrentAppendsToDifferentStreamsAllLandInFewerCommitsThanAppends() throws Exception {
    List<StreamId> streams = new ArrayList<>();
    for (int i = 0; i < 64; i++) streams.add(fresh());
    List<Future<AppendResult>> appends = onEventLoop(64, i -> fx.store.append(streams.get(i), ExpectedVersion.NO_STREAM, List.of(counted(i), counted(i + 1000))));
    await(Future.all(appends));
    Set<Long> commits = appends.stream().map(a -> a.result().events().get(0).txId()).collect(Collectors.toSet());
    assertThat(commits).as("transactions used by 64 concurrent appends").hasSizeLessThanOrEqualTo(16);
    for (int i = 0; i < 64; i++) {
      List<RecordedEvent> events = await(fx.store.readStream(streams.get(i)));
      assertThat(events).extracting(e -> ((Counted) fx.codec.decode(e)).n()).containsExactly(i, i + 1000);
      assertThat(events).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
      assertThat(appends.get(i).result().events()).extracting(RecordedEvent::position)
          .containsExactlyElementsOf(events.stream().map(RecordedEvent::position).toList());
    }
  }

  @Test
  void aStaleAppendAmongConcurrentOnesFailsAloneWithTheUsualConflict() throws Exception {
    StreamId moved = fresh();
    await(fx.store.append(moved, ExpectedVersion.NO_STREAM, List.of(counted(1), counted(2))));
    List<StreamId> streams = new ArrayList<>();
    for (int i = 0; i < 40; i++) streams.add(i == 20 ? moved : fresh());
    List<Future<AppendResult>> appends = onEventLoop(40, i -> i == 20
        ? fx.store.append(moved, ExpectedVersion.exactly(1), List.of(counted(99)))
        : fx.store.append(streams.get(i), ExpectedVersion.NO_STREAM, List.of(counted(i))));
    await(Future.join(appends).otherwiseEmpty());

    assertThat(appends.get(20).cause()).isInstanceOfSatisfying(WrongExpectedVersionException.class, w -> {
      assertThat(w.stream()).isEqualTo(moved);
      assertThat(w.expected()).isEqualTo(ExpectedVersion.exactly(1));
    });
    for (int i = 0; i < 40; i++) {
      if (i == 20) continue;
      assertThat(appends.get(i).succeeded()).as("append %d", i).isTrue();
      assertThat(await(fx.store.readStream(streams.get(i)))).hasSize(1);
    }
    // Its neighbours shared a commit with it: the conflict was decided inside a group.
    assertThat(appends.get(19).result().events().get(0).txId()).isEqualTo(appends.get(21).result().events().get(0).txId());
    assertThat(await(fx.store.readStream(moved))).hasSize(2);
  }

  @Test
  void aFirstAppendToAStreamThatExistsAmongConcurrentOnesFailsAloneWithTheUsualConflict() throws Exception {
    // In a group a no-stream append is checked by the unique (stream, version) key, not a look-up:
    // the key refuses the whole statement, and the replay must give each append its own answer.
    StreamId taken = fresh();
    await(fx.store.append(taken, ExpectedVersion.NO_STREAM, List.of(counted(1), counted(2))));
    List<StreamId> streams = new ArrayList<>();
    for (int i = 0; i < 40; i++) streams.add(i == 20 ? taken : fresh());
    List<Future<AppendResult>> appends = onEventLoop(40,
        i -> fx.store.append(streams.get(i), ExpectedVersion.NO_STREAM, List.of(counted(i))));
    await(Future.join(appends).otherwiseEmpty());

    assertThat(appends.get(20).cause()).isInstanceOfSatisfying(WrongExpectedVersionException.class, w -> {
      assertThat(w.stream()).isEqualTo(taken);
      assertThat(w.expected()).isEqualTo(ExpectedVersion.NO_STREAM);
    });
    for (int i = 0; i < 40; i++) {
      if (i == 20) continue;
      assertThat(appends.get(i).succeeded()).as("append %d", i).isTrue();
      assertThat(await(fx.store.readStream(streams.get(i)))).extracting(e -> ((Counted) fx.codec.decode(e)).n())
          .as("append %d", i).containsExactly(i);
    }
    assertThat(await(fx.store.readStream(taken))).extracting(e -> ((Counted) fx.codec.decode(e)).n()).containsExactly(1, 2);
  }

  @Test
  void aGroupTheDatabaseRefusesIsRetriedAppendByAppend() throws Exception {
    // A fenced-out token and an event id appended before make the group's statement fail as a
    // whole; each append must still get exactly its own answer.
    NewEvent earlier = counted(0);
    await(fx.store.append(fresh(), ExpectedVersion.NO_STREAM, List.of(earlier)));
    List<StreamId> streams = new ArrayList<>();
    for (int i = 0; i < 30; i++) streams.add(fresh());
    List<Future<AppendResult>> appends = onEventLoop(30, i -> {
      if (i == 10) {
        return fx.store.append(streams.get(i), ExpectedVersion.ANY,
            List.of(NewEvent.of(new Counted(i), EventMetadata.system("test").fencedBy("never-taken-" + UUID.randomUUID(), 1))));
      }
      if (i == 20) return fx.store.append(streams.get(i), ExpectedVersion.NO_STREAM, List.of(earlier));
      return fx.store.append(streams.get(i), ExpectedVersion.NO_STREAM, List.of(counted(i)));
    });
    await(Future.join(appends).otherwiseEmpty());

    assertThat(appends.get(10).cause()).isInstanceOf(FencedOutException.class);
    assertThat(appends.get(20).cause()).isInstanceOf(WrongExpectedVersionException.class);
    for (int i = 0; i < 30; i++) {
      int n = i;
      List<RecordedEvent> events = await(fx.store.readStream(streams.get(i)));
      if (i == 10 || i == 20) {
        assertThat(events).as("refused append %d", i).isEmpty();
      } else {
        assertThat(appends.get(i).succeeded()).as("append %d", i).isTrue();
        assertThat(events).extracting(e -> ((Counted) fx.codec.decode(e)).n()).as("append %d", i).containsExactly(n);
      }
    }
  }

  @Test
  void anAppendIsAcknowledgedOnlyOnceItsCommitIsVisibleToOthers() throws Exception {
    Pool observer = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(fx.db.connectOptions()).using(vertx).build();
    List<StreamId> streams = new ArrayList<>();
    for (int i = 0; i < 32; i++) streams.add(fresh());
    List<Future<Long>> seenAtAck;
    try (Connection blocker = fx.db.jdbc()) {
      // Inserts wait behind this lock: nothing may be acknowledged while it is held.
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE event_log IN EXCLUSIVE MODE");
      seenAtAck = onEventLoop(32, i -> fx.store.append(streams.get(i), ExpectedVersion.NO_STREAM, List.of(counted(i)))
          // At the moment of the answer, another connection must already see the events.
          .compose(r -> observer.preparedQuery("SELECT count(*) FROM event_log WHERE event_id = $1")
              .execute(Tuple.of(r.events().get(0).eventId())).map(rows -> rows.iterator().next().getLong(0))));
      Thread.sleep(500);
      assertThat(seenAtAck).as("acknowledged while the insert could not commit").noneMatch(Future::isComplete);
      blocker.commit();
    }
    await(Future.all(seenAtAck));
    assertThat(seenAtAck).allSatisfy(f -> assertThat(f.result()).isEqualTo(1L));
    await(observer.close());
  }

  @Test
  void appendsToOneStreamLandInTheOrderTheyWereMade() throws Exception {
    StreamId busy = fresh();
    List<Future<AppendResult>> appends = onEventLoop(80, i -> i % 2 == 0
        ? fx.store.append(busy, ExpectedVersion.ANY, List.of(counted(i / 2)))
        : fx.store.append(fresh(), ExpectedVersion.NO_STREAM, List.of(counted(i))));
    await(Future.all(appends));
    List<RecordedEvent> events = await(fx.store.readStream(busy));
    assertThat(events).extracting(e -> ((Counted) fx.codec.decode(e)).n())
        .containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
    // Positions follow the same order, so a reader of the log sees them in this order too.
    List<Long> positions = events.stream().map(RecordedEvent::position).toList();
    assertThat(positions).isSorted();
  }
}
