package com.zerolaghub.projections;

import static com.zerolaghub.projections.TestBed.await;
import static com.zerolaghub.projections.TestBed.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MemoryProjectionTest {
  private final EventCodec codec = new EventCodec().register(TestEvents.Counted.class);

  @Test
  void isFoldedFromTheWholeLogAtStartAndWokenByTheAppendSignalForNewEvents(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    bed.appendCounted("s1", 120);
    // Polling only every 10 s: seeing a new event sooner proves the signal woke the processor.
    ProjectionOptions options = TestBed.fastOptions("memory:").batchSize(50)
        .pollMinDelay(Duration.ofSeconds(10)).pollMaxDelay(Duration.ofSeconds(10));
    ProjectionRuntime runtime = new ProjectionRuntime(vertx, bed.writer, codec, null, null, new SimpleMeterRegistry(), options);
    MemoryView<KeyCountProjection.Counts> view = runtime.register(new KeyCountProjection("keys"));
    assertThat(view.current().events()).as("empty before start").isZero();

    await(runtime.start());
    await(view.whenCaughtUp());
    await(runtime.caughtUp());
    assertThat(view.current().events()).isEqualTo(120);

    for (int i = 1; i <= 3; i++) {
      long before = System.nanoTime();
      bed.append("s2", new TestEvents.Counted("fresh"));
      long expected = 120 + i;
      eventually(Duration.ofSeconds(2), "event " + i + " seen without waiting for the poll",
          () -> view.current().events() == expected);
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
    }
    assertThat(view.current().byKey()).containsEntry("fresh", 3L);
    await(runtime.stop());
  }
}
