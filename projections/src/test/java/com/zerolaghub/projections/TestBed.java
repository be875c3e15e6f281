package com.zerolaghub.projections;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.events.testing.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One fresh database, a writer store on it, and what a test needs to start runtimes. */
final class TestBed {
  final Vertx vertx;
  final TestPostgres.Database db;
  final AppendSignal signal = new AppendSignal();
  final EventCodec writerCodec = new EventCodec().register(TestEvents.Counted.class, TestEvents.Mystery.class);
  final Pool writerPool;
  final PgEventStore writer;

  TestBed(Vertx vertx) {
    this.vertx = vertx;
    this.db = TestPostgres.freshDatabase();
    this.writerPool = pool(4, "test-writer");
    this.writer = new PgEventStore(writerPool, writerCodec, signal, null, new SimpleMeterRegistry());
  }

  /** A pool whose connections carry {@code applicationName}, so a test can kill exactly them. */
  Pool pool(int size, String applicationName) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(db.connectOptions().addProperty("application_name", applicationName))
        .using(vertx)
        .build();
  }

  /** A store sharing the writer's append signal: readers on it are woken by the writer's appends. */
  PgEventStore readerStore(Pool pool) {
    return new PgEventStore(pool, writerCodec, signal, null, new SimpleMeterRegistry());
  }

  Redis redis() {
    return Redis.createClient(vertx, TestRedis.uri());
  }

  ProjectionRuntime runtime(ProjectionOptions options, EventCodec readerCodec, MeterRegistry registry) {
    Pool pool = pool(4, "test-runtime");
    return new ProjectionRuntime(vertx, readerStore(pool), readerCodec, pool, redis(), registry, options);
  }

  static ProjectionOptions fastOptions(String leasePrefix) {
    return new ProjectionOptions()
        .batchSize(100)
        .retryMinDelay(Duration.ofMillis(20))
        .retryMaxDelay(Duration.ofMillis(200))
        .leaseTtl(Duration.ofMillis(900))
        .lagInterval(Duration.ofMillis(100))
        .leaseKeyPrefix(leasePrefix);
  }

  /** Appends {@code count} Counted events (keys k0..k6) to one stream, ten per append. */
  List<RecordedEvent> appendCounted(String stream, int count) {
    List<RecordedEvent> all = new ArrayList<>();
    for (int done = 0; done < count; done += 10) {
      List<DomainEvent> events = new ArrayList<>();
      for (int i = done; i < Math.min(count, done + 10); i++) events.add(new TestEvents.Counted("k" + (i % 7)));
      all.addAll(append(stream, events.toArray(new DomainEvent[0])));
    }
    return all;
  }

  List<RecordedEvent> append(String stream, DomainEvent... events) {
    List<NewEvent> batch = new ArrayList<>();
    for (DomainEvent e : events) batch.add(NewEvent.of(e, EventMetadata.system("test")));
    return await(writer.append(StreamId.of("test", stream), ExpectedVersion.ANY, batch)).events();
  }

  long queryLong(String sql) {
    try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  List<String> queryRows(String sql) {
    try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) row.append(i > 1 ? "|" : "").append(rs.getString(i));
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  void execute(String sql) {
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code condition} until it holds or the deadline passes. */
  static void eventually(Duration within, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within " + within + ": " + what);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static ProjectionStatus statusOf(ProjectionRuntime runtime, String name) {
    return runtime.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
