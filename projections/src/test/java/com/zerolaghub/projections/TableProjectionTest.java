package com.zerolaghub.projections;

import static com.zerolaghub.projections.TestBed.await;
import static com.zerolaghub.projections.TestBed.eventually;
import static com.zerolaghub.projections.TestBed.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.RecordedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class TableProjectionTest {
  private final EventCodec codec = new EventCodec().register(TestEvents.Counted.class);
  private TestBed bed;
  private CountingProjection counting;

  @BeforeEach
  void setUp(Vertx vertx) {
    bed = new TestBed(vertx);
    counting = new CountingProjection(vertx, "alpha");
  }

  private ProjectionRuntime runtime(String leasePrefix) {
    ProjectionRuntime runtime = bed.runtime(TestBed.fastOptions(leasePrefix), codec, new SimpleMeterRegistry());
    runtime.register(counting);
    return runtime;
  }

  @Test
  void aBatchFailingAfterItsRowsWereWrittenIsRolledBackWithItsTokenAndAppliedOnlyOnce() {
    List<RecordedEvent> events = bed.appendCounted("s1", 450);
    counting.failuresAfterWrite.set(3);
    ProjectionRuntime runtime = runtime("table-once:");
    await(runtime.start());
    await(runtime.caughtUp());

    RecordedEvent last = events.get(events.size() - 1);
    eventually(Duration.ofSeconds(10), "token at the last event",
        () -> statusOf(runtime, "alpha").checkpoint().equals(last.checkpoint()));
    assertThat(counting.failuresAfterWrite.get()).isZero();
    assertThat(bed.queryLong("SELECT sum(n) FROM public.alpha_counted")).isEqualTo(450);
    assertThat(bed.queryLong("SELECT count(*) FROM public.alpha_applied")).isEqualTo(450);
    assertThat(bed.queryLong("SELECT max(applies) FROM public.alpha_applied")).isEqualTo(1);
    assertThat(bed.queryRows("SELECT checkpoint_tx || ':' || checkpoint_pos FROM projection_token WHERE name = 'alpha'"))
        .containsExactly(last.checkpoint().toString());
    await(runtime.stop());
  }

  @Test
  void aRestartedRuntimeResumesFromItsStoredTokenWithoutApplyingAnythingTwice() {
    bed.appendCounted("s1", 200);
    ProjectionRuntime first = runtime("table-restart:");
    await(first.start());
    await(first.caughtUp());
    await(first.stop());

    bed.appendCounted("s1", 130);
    ProjectionRuntime second = runtime("table-restart:");
    await(second.start());
    await(second.caughtUp());
    eventually(Duration.ofSeconds(10), "all 330 events counted",
        () -> bed.queryLong("SELECT sum(n) FROM public.alpha_counted") == 330);
    assertThat(bed.queryLong("SELECT max(applies) FROM public.alpha_applied")).isEqualTo(1);
    assertThat(statusOf(second, "alpha").generation()).isEqualTo(1);
    assertThat(statusOf(second, "alpha").state()).isEqualTo(ProjectionStatus.State.RUNNING);
    await(second.stop());
  }

  @Test
  void keepsEveryEventExactlyOnceWhileItsDatabaseConnectionsAreKilledMidStream() throws Exception {
    ProjectionRuntime runtime = runtime("table-kill:");
    await(runtime.start());
    await(runtime.caughtUp());

    AtomicBoolean appending = new AtomicBoolean(true);
    AtomicInteger kills = new AtomicInteger();
    Thread killer = new Thread(() -> {
      while (appending.get()) {
        kills.addAndGet((int) bed.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            + "WHERE application_name = 'test-runtime' AND datname = current_database()"));
        try {
          Thread.sleep(25);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    killer.start();
    for (int i = 0; i < 40; i++) bed.appendCounted("s" + (i % 3), 20);
    appending.set(false);
    killer.join();

    assertThat(kills.get()).as("connections killed").isPositive();
    eventually(Duration.ofSeconds(15), "all 800 events counted once the killing stopped",
        () -> bed.queryLong("SELECT count(*) FROM public.alpha_applied") == 800);
    assertThat(bed.queryLong("SELECT sum(n) FROM public.alpha_counted")).isEqualTo(800);
    assertThat(bed.queryLong("SELECT max(applies) FROM public.alpha_applied")).isEqualTo(1);
    eventually(Duration.ofSeconds(5), "no error shown once recovered", () -> statusOf(runtime, "alpha").error() == null);
    await(runtime.stop());
  }
}
