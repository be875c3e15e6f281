package com.zerolaghub.events.impl;

import com.zerolaghub.events.AppendResult;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.events.StreamId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The log on PostgreSQL: {@link PgEventAppender} writes (concurrent appends grouped into shared
 * commits by {@link PgGroupCommit}), {@link PgEventReader} reads.
 */
public final class PgEventStore implements EventStore {
  private final PgEventAppender appender;
  private final PgGroupCommit groupCommit;
  private final PgEventReader reader;
  private final AppendSignal signal;
  private final PgCrossNodeSignal crossNode;
  private final Timer appendTimer;

  /**
   * @param crossNode may be null on a single node: local readers are still woken at once
   */
  public PgEventStore(Pool pool, EventCodec codec, AppendSignal signal, PgCrossNodeSignal crossNode, MeterRegistry registry) {
    this.appender = new PgEventAppender(pool, codec);
    this.groupCommit = new PgGroupCommit(appender);
    this.reader = new PgEventReader(pool, codec);
    this.signal = signal;
    this.crossNode = crossNode;
    this.appendTimer = Timer.builder("zlh_event_append")
        .description("Time to append one command's events to the log")
        .publishPercentileHistogram()
        .register(registry);
  }

  @Override
  public Future<AppendResult> append(StreamId stream, ExpectedVersion expected, List<NewEvent> events) {
    long start = System.nanoTime();
    return groupCommit.append(stream, expected, events).onSuccess(r -> {
      appendTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      signal.fire();
      if (crossNode != null) crossNode.appended();
    });
  }

  @Override
  public Future<List<AppendResult>> appendAtomically(List<StreamAppend> appends) {
    long start = System.nanoTime();
    return appender.appendAtomically(appends).onSuccess(r -> {
      appendTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      signal.fire();
      if (crossNode != null) crossNode.appended();
    });
  }

  @Override
  public Future<List<RecordedEvent>> readStream(StreamId stream) {
    return reader.readStream(stream);
  }

  @Override
  public Future<List<RecordedEvent>> readAfter(Checkpoint after, int limit) {
    return reader.readAfter(after, limit);
  }

  @Override
  public Future<Long> countAfter(Checkpoint after, long cap) {
    return reader.countAfter(after, cap);
  }

  @Override
  public AppendSignal signal() {
    return signal;
  }
}
