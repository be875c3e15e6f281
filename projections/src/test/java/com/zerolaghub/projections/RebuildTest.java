package com.zerolaghub.projections;

import static com.zerolaghub.projections.TestBed.await;
import static com.zerolaghub.projections.TestBed.eventually;
import static com.zerolaghub.projections.TestBed.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RebuildTest {
  private final EventCodec codec = new EventCodec().register(TestEvents.Counted.class);
  private TestBed bed;

  @BeforeEach
  void setUp(Vertx vertx) {
    bed = new TestBed(vertx);
  }

  @Test
  void aRebuiltTableGenerationHasTheLiveRowsAndReadersSeeTheOldOneUntilTheSwap(Vertx vertx) {
    bed.appendCounted("s1", 1000);
    CountingProjection counting = new CountingProjection(vertx, "alpha");
    ProjectionRuntime runtime = bed.runtime(TestBed.fastOptions("rebuild-table:"), codec, new SimpleMeterRegistry());
    runtime.register(counting);
    await(runtime.start());
    await(runtime.caughtUp());
    List<String> before = bed.queryRows("SELECT key, n FROM public.alpha_counted ORDER BY key");

    counting.delayMillis = 30; // ten batches of 100: the new generation needs a while
    Future<Void> rebuilt = runtime.rebuild("alpha");
    boolean sawNewGenerationBuilding = false;
    List<Long> sumsDuringRebuild = new ArrayList<>();
    while (!rebuilt.isComplete()) {
      sumsDuringRebuild.add(bed.queryLong("SELECT sum(n) FROM public.alpha_counted"));
      sawNewGenerationBuilding |= runtime.status().stream()
          .anyMatch(s -> s.generation() == 2 && s.state() == ProjectionStatus.State.CATCHING_UP);
    }
    await(rebuilt);

    assertThat(sawNewGenerationBuilding).as("status showed generation 2 catching up").isTrue();
    assertThat(sumsDuringRebuild).hasSizeGreaterThan(5).containsOnly(1000L);
    assertThat(bed.queryRows("SELECT key, n FROM public.alpha_counted ORDER BY key")).isEqualTo(before);
    assertThat(bed.queryLong("SELECT active_generation FROM projection_generation WHERE name = 'alpha'")).isEqualTo(2);
    assertThat(bed.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'proj_alpha_g1'")).isZero();
    assertThat(bed.queryRows("SELECT generation FROM projection_token WHERE name = 'alpha'")).containsExactly("2");

    counting.delayMillis = 0;
    bed.appendCounted("s2", 20);
    eventually(Duration.ofSeconds(10), "the new generation is live",
        () -> bed.queryLong("SELECT sum(n) FROM public.alpha_counted") == 1020);
    eventually(Duration.ofSeconds(5), "the live processor moved to generation 2", () -> {
      ProjectionStatus s = statusOf(runtime, "alpha");
      return s.generation() == 2 && s.state() == ProjectionStatus.State.RUNNING;
    });
    assertThat(bed.queryLong("SELECT max(applies) FROM public.alpha_applied")).isEqualTo(1);
    await(runtime.stop());
  }

  @Test
  void aRebuiltMemoryModelIsSwappedInOnlyOnceCaughtUp() {
    bed.appendCounted("s1", 300);
    ProjectionRuntime runtime = new ProjectionRuntime(bed.vertx, bed.writer, codec, null, null, new SimpleMeterRegistry(),
        TestBed.fastOptions("rebuild-memory:"));
    MemoryView<KeyCountProjection.Counts> view = runtime.register(new KeyCountProjection("keys"));
    await(runtime.start());
    await(view.whenCaughtUp());
    KeyCountProjection.Counts served = view.current();
    assertThat(served.events()).isEqualTo(300);

    Future<Void> rebuilt = runtime.rebuild("keys");
    while (!rebuilt.isComplete()) {
      // Until the swap, readers keep the serving model's view (never a half-built one).
      KeyCountProjection.Counts seen = view.current();
      assertThat(seen.events()).isEqualTo(300);
    }
    await(rebuilt);

    assertThat(view.current()).isNotSameAs(served).isEqualTo(served);
    assertThat(runtime.status()).singleElement().satisfies(s -> {
      assertThat(s.generation()).isEqualTo(2);
      assertThat(s.state()).isEqualTo(ProjectionStatus.State.RUNNING);
    });
    bed.appendCounted("s1", 5);
    eventually(Duration.ofSeconds(5), "the rebuilt model is live", () -> view.current().events() == 305);
    assertThat(view.current().byKey()).containsEntry("k0", 44L);
    await(runtime.stop());
  }

}
