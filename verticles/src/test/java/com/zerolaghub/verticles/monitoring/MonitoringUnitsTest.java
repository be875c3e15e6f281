package com.zerolaghub.verticles.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Monitoring pieces without I/O: token check, summary figures, queue gauges, target addresses")
class MonitoringUnitsTest {

  @Test
  void theTokenCheckAcceptsOnlyTheExactBearerToken() {
    SdAccess access = SdAccess.withToken("s3cret");
    assertThat(access.decide("Bearer s3cret")).isEqualTo(SdAccess.Decision.ALLOWED);
    assertThat(access.decide("BEARER  s3cret ")).isEqualTo(SdAccess.Decision.ALLOWED);
    assertThat(access.decide("Bearer s3cre")).isEqualTo(SdAccess.Decision.UNAUTHORIZED);
    assertThat(access.decide("Bearer s3cret2")).isEqualTo(SdAccess.Decision.UNAUTHORIZED);
    assertThat(access.decide("Bearer")).isEqualTo(SdAccess.Decision.UNAUTHORIZED);
    assertThat(access.decide(null)).isEqualTo(SdAccess.Decision.UNAUTHORIZED);
    assertThat(access.toString()).doesNotContain("s3cret");
    assertThat(SdAccess.closed().decide("Bearer s3cret")).isEqualTo(SdAccess.Decision.NOT_CONFIGURED);
    assertThat(SdAccess.open().decide(null)).isEqualTo(SdAccess.Decision.ALLOWED);
  }

  @Test
  void figuresAreJudgedByPrometheusClockNotOurs() {
    // Prometheus's clock is a day behind this node's: a 10 s old sample is still fresh.
    double evaluated = Instant.now().minus(Duration.ofDays(1)).getEpochSecond();
    JsonObject data = vector(evaluated, "cpu", "50", "cpu_at", Double.toString(evaluated - 10));

    ServerCardSummary s = ServerCardQuery.summarize(data, Duration.ofSeconds(60));
    assertThat(s.cpuPercent()).isEqualTo(50.0);
    assertThat(s.memPercent()).isNull();
    assertThat(s.stale()).isTrue();
  }

  @Test
  void percentagesAreClampedAndInfinityIsMissing() {
    JsonObject data = vector(1000, "cpu", "100.4", "cpu_at", "999", "mem", "-0.2", "mem_at", "999", "disk", "+Inf", "disk_at", "999");

    ServerCardSummary s = ServerCardQuery.summarize(data, Duration.ofSeconds(60));
    assertThat(s.cpuPercent()).isEqualTo(100.0);
    assertThat(s.memPercent()).isEqualTo(0.0);
    assertThat(s.diskPercent()).isNull();
  }

  @Test
  void aFigureWithoutItsSampleTimeIsMissing() {
    ServerCardSummary s = ServerCardQuery.summarize(vector(1000, "net_in", "12"), Duration.ofSeconds(60));
    assertThat(s.netIn()).isNull();
  }

  @Test
  void theQueryLabelsEachPartAndUsesOnlyTheVmid() {
    String q = ServerCardQuery.promql(4711);
    for (String part : new String[] {"cpu", "cpu_at", "mem", "mem_at", "disk", "disk_at", "net_in", "net_in_at", "net_out", "net_out_at"}) {
      assertThat(q).contains("\"part\", \"" + part + "\"");
    }
    assertThat(q).contains("vmid=\"4711\"").doesNotContain("vmid=~");
  }

  @Test
  void queueAgeIsMeasuredAtScrapeTimeAndZeroWhenEmpty() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Instant now = Instant.parse("2026-11-20T10:00:00Z");
    QueueGauge gauge = new QueueGauge();
    WorkQueueMetrics.register(registry, "repair", gauge, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(registry.get("zlh_queue_depth").tag("queue", "repair").gauge().value()).isZero();
    assertThat(registry.get("zlh_queue_oldest_age_seconds").tag("queue", "repair").gauge().value()).isZero();
    gauge.set(3, now.minusSeconds(90));
    assertThat(registry.get("zlh_queue_depth").tag("queue", "repair").gauge().value()).isEqualTo(3);
    assertThat(registry.get("zlh_queue_oldest_age_seconds").tag("queue", "repair").gauge().value()).isEqualTo(90);
  }

  @Test
  void aQueueHasOneSourceOfMetrics() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WorkQueueMetrics.gauge(registry, "billing_enforcement");
    assertThatThrownBy(() -> WorkQueueMetrics.gauge(registry, "billing_enforcement"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("billing_enforcement");
    assertThatThrownBy(() -> WorkQueueMetrics.gauge(registry, "Billing Enforcement"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIpv6TargetIsBracketed() {
    assertThat(ExporterTargetsJson.target("10.0.0.5", 12345)).isEqualTo("10.0.0.5:12345");
    assertThat(ExporterTargetsJson.target("fd00::5", 12345)).isEqualTo("[fd00::5]:12345");
  }

  private static JsonObject vector(double evaluatedAt, String... partValues) {
    JsonArray result = new JsonArray();
    for (int i = 0; i < partValues.length; i += 2) {
      result.add(new JsonObject().put("metric", new JsonObject().put("part", partValues[i]))
          .put("value", new JsonArray().add(evaluatedAt).add(partValues[i + 1])));
    }
    return new JsonObject().put("resultType", "vector").put("result", result);
  }
}
