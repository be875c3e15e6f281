package com.zerolaghub.projections;

import static com.zerolaghub.projections.TestBed.await;
import static com.zerolaghub.projections.TestBed.eventually;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node reads the log once for all its projections; each keeps its own checkpoint and rebuild. */
@ExtendWith(VertxExtension.class)
class OneReadForAllProjectionsTest {
  private final EventCodec codec = new EventCodec().register(TestEvents.Counted.class);

  /** Counts the batch reads that reach the database (the lag probe's one-event reads aside). */
  private static final class CountedReads implements EventStore {
    private final EventStore store;
    final AtomicInteger batchReads = new AtomicInteger();

    CountedReads(EventStore store) {
      this.store = store;
    }

    @Override
    public Future<AppendResult> append(StreamId stream, ExpectedVersion expected, List<NewEvent> events) {
      return store.append(stream, expected, events);
    }

    @Override
    public Future<List<AppendResult>> appendAtomically(List<StreamAppend> appends) {
      return store.appendAtomically(appends);
    }

    @Override
    public Future<List<RecordedEvent>> readStream(StreamId stream) {
      return store.readStream(stream);
    }

    @Override
    public Future<List<RecordedEvent>> readAfter(Checkpoint after, int limit) {
      if (limit > 1) batchReads.incrementAndGet();
      return store.readAfter(after, limit);
    }

    @Override
    public Future<Long> countAfter(Checkpoint after, long cap) {
      return store.countAfter(after, cap);
    }

    @Override
    public AppendSignal signal() {
      return store.signal();
    }
  }

  @Test
  void everyProjectionOfANodeIsFedFromOneReadOfTheLogAndNewEventsReachThemAllAtOnce(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    bed.appendCounted("s1", 1000);
    Pool pool = bed.pool(4, "one-read");
    CountedReads store = new CountedReads(bed.readerStore(pool));
    // Polling every 10 s: a new event seen sooner came through a wake-up, not a poll.
    ProjectionOptions options = TestBed.fastOptions("one-read:").batchSize(100)
        .pollMinDelay(Duration.ofSeconds(10)).pollMaxDelay(Duration.ofSeconds(10));
    ProjectionRuntime runtime = new ProjectionRuntime(vertx, store, codec, pool, bed.redis(), new SimpleMeterRegistry(), options);
    List<MemoryView<KeyCountProjection.Counts>> views = new ArrayList<>();
    for (int i = 0; i < 6; i++) views.add(runtime.register(new KeyCountProjection("keys" + i)));
    runtime.register(new CountingProjection(vertx, "alpha"));

    await(runtime.start());
    await(runtime.caughtUp());
    assertThat(views).allSatisfy(v -> assertThat(v.current().events()).isEqualTo(1000));
    eventually(Duration.ofSeconds(10), "the table projection applied everything",
        () -> bed.queryLong("SELECT coalesce(sum(n), 0) FROM public.alpha_counted") == 1000);
    // Seven projections each reading alone: at least 7 x 11 batch reads. One read for all: 11,
    // plus a few at the head (a processor asking while a short read is under way reads again).
    assertThat(store.batchReads.get()).as("batch reads of 1,000 events for 7 projections").isLessThanOrEqualTo(25);

    bed.append("s2", new TestEvents.Counted("fresh"));
    eventually(Duration.ofSeconds(5), "every memory projection saw the new event without waiting for a poll",
        () -> views.stream().allMatch(v -> v.current().events() == 1001));
    eventually(Duration.ofSeconds(5), "the table projection saw it too",
        () -> bed.queryLong("SELECT coalesce(sum(n), 0) FROM public.alpha_counted") == 1001);
    await(runtime.stop());
  }

  @Test
  void oneProjectionIsRebuiltFromTheStartWhileTheOthersGoOnFromWhereTheyAre(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    bed.appendCounted("s1", 600);
    ProjectionRuntime runtime = bed.runtime(TestBed.fastOptions("one-read-rebuild:"), codec, new SimpleMeterRegistry());
    MemoryView<KeyCountProjection.Counts> keys = runtime.register(new KeyCountProjection("keys"));
    MemoryView<KeyCountProjection.Counts> other = runtime.register(new KeyCountProjection("other"));
    runtime.register(new CountingProjection(vertx, "alpha"));
    await(runtime.start());
    await(runtime.caughtUp());

    await(runtime.rebuild("alpha"));
    await(runtime.rebuild("keys"));
    bed.appendCounted("s2", 30);
    eventually(Duration.ofSeconds(10), "everything live after the rebuilds",
        () -> keys.current().events() == 630 && other.current().events() == 630
            && bed.queryLong("SELECT coalesce(sum(n), 0) FROM public.alpha_counted") == 630);
    assertThat(bed.queryLong("SELECT max(applies) FROM public.alpha_applied")).isEqualTo(1);
    assertThat(bed.queryLong("SELECT active_generation FROM projection_generation WHERE name = 'alpha'")).isEqualTo(2);
    assertThat(runtime.status()).filteredOn(s -> s.name().equals("keys")).singleElement()
        .satisfies(s -> assertThat(s.generation()).isEqualTo(2));
    assertThat(runtime.status()).filteredOn(s -> s.name().equals("other")).singleElement()
        .satisfies(s -> assertThat(s.generation()).isEqualTo(1));
    await(runtime.stop());
  }
}
