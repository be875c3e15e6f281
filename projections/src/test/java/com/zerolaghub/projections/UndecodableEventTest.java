package com.zerolaghub.projections;

import static com.zerolaghub.projections.TestBed.await;
import static com.zerolaghub.projections.TestBed.eventually;
import static com.zerolaghub.projections.TestBed.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.projections.ProjectionStatus.State;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The log holds an event this build cannot decode (written by a newer build, say). */
@ExtendWith(VertxExtension.class)
class UndecodableEventTest {
  // The runtime's codec does not know test.mystery; the writer's does.
  private final EventCodec readerCodec = new EventCodec().register(TestEvents.Counted.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger processorLog = (Logger) LoggerFactory.getLogger(TrackingProcessor.class);

  @BeforeEach
  void captureLog() {
    logged.start();
    processorLog.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    processorLog.detachAppender(logged);
  }

  @Test
  void stopsOnlyTheProjectionsThatHandleItWithTheirStatusShowingWhereAndWhy(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProjectionRuntime runtime = bed.runtime(TestBed.fastOptions("undecodable:"), readerCodec, registry);
    runtime.register(new CountingProjection(vertx, "alpha", EventTypeNames.of(TestEvents.Counted.class, TestEvents.Mystery.class)));
    runtime.register(new CountingProjection(vertx, "beta"));
    MemoryView<KeyCountProjection.Counts> keys = runtime.register(new KeyCountProjection("keys"));
    bed.appendCounted("s1", 5);
    await(runtime.start());
    await(runtime.caughtUp());

    List<RecordedEvent> tail = bed.append("s1", new TestEvents.Counted("k1"), new TestEvents.Mystery("?"), new TestEvents.Counted("k2"));
    RecordedEvent mystery = tail.get(1);
    eventually(Duration.ofSeconds(10), "alpha failed", () -> statusOf(runtime, "alpha").state() == State.FAILED);
    bed.appendCounted("s2", 3);

    eventually(Duration.ofSeconds(10), "beta and keys go on past it",
        () -> bed.queryLong("SELECT sum(n) FROM public.beta_counted") == 10 && keys.current().events() == 10);
    ProjectionStatus alpha = statusOf(runtime, "alpha");
    assertThat(alpha.error()).contains("position " + mystery.position()).contains("test.mystery");
    assertThat(alpha.checkpoint()).as("stopped right before the mystery").isEqualTo(tail.get(0).checkpoint());
    assertThat(bed.queryLong("SELECT sum(n) FROM public.alpha_counted")).as("alpha serves what it had").isEqualTo(6);
    assertThat(bed.queryLong("SELECT failed_position FROM projection_token WHERE name = 'alpha'")).isEqualTo(mystery.position());
    assertThat(statusOf(runtime, "beta").state()).isEqualTo(State.RUNNING);
    assertThat(statusOf(runtime, "keys").state()).isEqualTo(State.RUNNING);

    assertThat(registry.get("zlh_projection_errors").tag("projection", "alpha").counter().count()).isEqualTo(1);
    assertThat(registry.get("zlh_projection_errors").tag("projection", "beta").counter().count()).isZero();
    eventually(Duration.ofSeconds(5), "alpha's lag gauge shows what it left behind",
        () -> registry.get("zlh_projection_lag_events").tag("projection", "alpha").gauge().value() == 5);
    eventually(Duration.ofSeconds(5), "beta's lag gauge is back to zero",
        () -> registry.get("zlh_projection_lag_events").tag("projection", "beta").gauge().value() == 0);
    assertThat(registry.get("zlh_projection_lag_seconds").tag("projection", "alpha").gauge().value())
        .as("age of the mystery event").isPositive();
    assertThat(registry.get("zlh_projection_lag_seconds").tag("projection", "beta").gauge().value()).isZero();
    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("alpha").contains("position " + mystery.position()));
    await(runtime.stop());
  }
}
