package com.zerolaghub.projections;

import static com.zerolaghub.projections.TestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.RecordedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A memory view tells a writer when its own append is visible (read-your-writes)")
class MemoryViewReadYourWritesTest {
  private final EventCodec codec = new EventCodec().register(TestEvents.Counted.class, TestEvents.Mystery.class);

  @Test
  void whenAppliedCompletesOnlyOnceTheViewHoldsTheAppendedEvent(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    // The runtime's store has its own append signal, which the writer never fires: the view
    // moves only on its 300 ms poll, so completing before it moved would be seen.
    ProjectionOptions options = TestBed.fastOptions("ryw:").pollMinDelay(Duration.ofMillis(300)).pollMaxDelay(Duration.ofMillis(300));
    ProjectionRuntime runtime = new ProjectionRuntime(vertx, new PgEventStore(bed.pool(2, "ryw"), codec,
        new AppendSignal(), null, new SimpleMeterRegistry()), codec, null, null, new SimpleMeterRegistry(), options);
    MemoryView<KeyCountProjection.Counts> view = runtime.register(new KeyCountProjection("keys"));
    await(runtime.start());
    await(view.whenCaughtUp());

    for (int i = 1; i <= 3; i++) {
      RecordedEvent appended = bed.append("s", new TestEvents.Counted("mine")).get(0);
      long seen = await(view.whenApplied(appended.checkpoint()).map(v -> view.current().events()));
      assertThat(seen).as("events in the view when whenApplied completed").isEqualTo(i);
    }
    await(runtime.stop());
  }

  @Test
  void aCheckpointAlreadyReachedOrOfAnEventTheProjectionSkipsCompletes(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    ProjectionRuntime runtime = new ProjectionRuntime(vertx, bed.readerStore(bed.pool(2, "ryw2")), codec, null, null,
        new SimpleMeterRegistry(), TestBed.fastOptions("ryw2:"));
    MemoryView<KeyCountProjection.Counts> view = runtime.register(new KeyCountProjection("keys"));
    RecordedEvent early = bed.append("s", new TestEvents.Counted("a")).get(0);
    await(runtime.start());
    await(view.whenCaughtUp());
    assertThat(view.whenApplied(early.checkpoint()).succeeded()).as("already applied: complete at once").isTrue();

    RecordedEvent skipped = bed.append("s", new TestEvents.Mystery("not handled by keys")).get(0);
    await(view.whenApplied(skipped.checkpoint()));
    assertThat(view.current().events()).isEqualTo(1);
    await(runtime.stop());
  }

  @Test
  void completesOnTheCallersContext(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    ProjectionRuntime runtime = new ProjectionRuntime(vertx, bed.readerStore(bed.pool(2, "ryw3")), codec, null, null,
        new SimpleMeterRegistry(), TestBed.fastOptions("ryw3:"));
    MemoryView<KeyCountProjection.Counts> view = runtime.register(new KeyCountProjection("keys"));
    await(runtime.start());
    await(view.whenCaughtUp());
    RecordedEvent appended = bed.append("s", new TestEvents.Counted("b")).get(0);

    Context caller = vertx.getOrCreateContext();
    AtomicReference<Context> completedOn = new AtomicReference<>();
    Promise<Void> done = Promise.promise();
    caller.runOnContext(v -> view.whenApplied(appended.checkpoint()).onComplete(ar -> {
      completedOn.set(Vertx.currentContext());
      done.complete();
    }));
    await(done.future());
    assertThat(completedOn.get()).isSameAs(caller);
    await(runtime.stop());
  }
}
