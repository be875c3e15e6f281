package com.zerolaghub.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions commit out of position order: a reader that walked the log by position alone
 * would move past a position whose transaction had not committed yet, and never come back.
 */
@ExtendWith(VertxExtension.class)
class LateCommitVisibilityTest {
  private static final String INSERT =
      "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "VALUES (?, 'late', ?, 1, 'test.counted', 1, ?::jsonb, '{}'::jsonb)";

  static StoreFixture fx;

  @BeforeAll
  static void setUp(Vertx vertx) {
    fx = new StoreFixture(vertx, TestEvents.codec());
  }

  @Test
  void anEventWhoseTransactionCommitsLateIsStillRead() throws Exception {
    Checkpoint start = headCheckpoint();
    try (Connection slow = fx.db.jdbc(); Connection fast = fx.db.jdbc()) {
      slow.setAutoCommit(false);
      long slowPosition = insert(slow, 1);   // lower position, still uncommitted
      long fastPosition = insert(fast, 2);   // higher position, committed at once (autocommit)
      assertThat(fastPosition).isGreaterThan(slowPosition);

      // While the slow transaction is open the reader must not move past it.
      List<RecordedEvent> seenWhileOpen = readAll(start);
      assertThat(seenWhileOpen).extracting(RecordedEvent::position).doesNotContain(slowPosition);
      Checkpoint afterFirstRead = seenWhileOpen.isEmpty() ? start : seenWhileOpen.get(seenWhileOpen.size() - 1).checkpoint();

      slow.commit();
      List<RecordedEvent> seenAfterCommit = readAll(afterFirstRead);
      Set<Long> all = new HashSet<>();
      seenWhileOpen.forEach(e -> all.add(e.position()));
      seenAfterCommit.forEach(e -> all.add(e.position()));
      assertThat(all).contains(slowPosition, fastPosition);
    }
  }

  @Test
  void readingByPositionAloneWouldSkipThatLateCommit() throws Exception {
    // The control experiment for the guard above: the naive reader loses the slow event.
    long from = maxPosition();
    try (Connection slow = fx.db.jdbc(); Connection fast = fx.db.jdbc(); Connection reader = fx.db.jdbc()) {
      slow.setAutoCommit(false);
      long slowPosition = insert(slow, 1);
      long fastPosition = insert(fast, 2);
      long naiveCheckpoint = naiveReadMax(reader, from);
      assertThat(naiveCheckpoint).isEqualTo(fastPosition);
      slow.commit();
      assertThat(naiveReadMax(reader, naiveCheckpoint)).as("nothing after the naive checkpoint").isEqualTo(naiveCheckpoint);
      assertThat(slowPosition).isLessThan(naiveCheckpoint);
    }
  }

  @Test
  void thirtyTwoWritersWithRandomlyDelayedCommitsAreReadExactlyOnceInOrder() throws Exception {
    int writers = 32;
    int perWriter = 40;
    Checkpoint start = headCheckpoint();
    Set<Long> committed = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch done = new CountDownLatch(writers);
    for (int w = 0; w < writers; w++) {
      pool.submit(() -> {
        try (Connection c = fx.db.jdbc()) {
          c.setAutoCommit(false);
          for (int i = 0; i < perWriter; i++) {
            long position = insert(c, i);
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 10)); // hold the transaction open
            if (ThreadLocalRandom.current().nextInt(10) == 0) {
              c.rollback();                                           // some never commit at all
            } else {
              c.commit();
              committed.add(position);
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          done.countDown();
        }
        return null;
      });
    }

    // A tracking reader runs concurrently, reading at the head of the log, until the writers are done and it is caught up.
    List<RecordedEvent> seen = new ArrayList<>();
    Checkpoint cp = start;
    boolean writersDone = false;
    while (true) {
      List<RecordedEvent> batch = await(fx.store.readAfter(cp, 500));
      for (RecordedEvent e : batch) {
        assertThat(e.checkpoint()).as("checkpoints strictly increase").isGreaterThan(cp);
        cp = e.checkpoint();
        seen.add(e);
      }
      if (batch.isEmpty()) {
        if (writersDone) break;
        writersDone = done.await(2, TimeUnit.MILLISECONDS);
      }
    }
    pool.shutdown();

    List<Long> positions = seen.stream().map(RecordedEvent::position).toList();
    assertThat(new HashSet<>(positions)).as("no event read twice").hasSize(positions.size());
    assertThat(new HashSet<>(positions)).as("every committed event read, nothing rolled back")
        .isEqualTo(committed);
  }

  private static long insert(Connection c, int n) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT + " RETURNING position")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, UUID.randomUUID().toString());
      ps.setString(3, "{\"n\":" + n + "}");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long naiveReadMax(Connection c, long after) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(position), ?) FROM event_log WHERE position > ?")) {
      ps.setLong(1, after);
      ps.setLong(2, after);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long maxPosition() throws SQLException {
    try (Connection c = fx.db.jdbc()) {
      return naiveReadMax(c, 0);
    }
  }

  private static Checkpoint headCheckpoint() {
    Checkpoint cp = Checkpoint.START;
    while (true) {
      List<RecordedEvent> batch = await(fx.store.readAfter(cp, 1000));
      if (batch.isEmpty()) return cp;
      cp = batch.get(batch.size() - 1).checkpoint();
    }
  }

  private static List<RecordedEvent> readAll(Checkpoint from) {
    List<RecordedEvent> all = new ArrayList<>();
    Checkpoint cp = from;
    while (true) {
      List<RecordedEvent> batch = await(fx.store.readAfter(cp, 1000));
      if (batch.isEmpty()) return all;
      all.addAll(batch);
      cp = batch.get(batch.size() - 1).checkpoint();
    }
  }

  /** Test thread only (never an event loop): waits for a store future. */
  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
