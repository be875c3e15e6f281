package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.verticles.testing.Pinged;
import com.zerolaghub.verticles.testing.TestNode;
import com.zerolaghub.verticles.testing.TestOperations;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Health, readiness and metrics endpoints")
class HealthAndMetricsTest {
  private static final TestOperations operations = new TestOperations();
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(operations);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void liveWhileTheProcessServes() throws Exception {
    HttpResponse<String> r = node.get("/health/live");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("live");
  }

  @Test
  void readyWhenPostgresRedisAndContributedChecksAnswer() throws Exception {
    HttpResponse<String> r = node.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getJsonObject("checks")).isEqualTo(
        new JsonObject().put("postgres", "up").put("redis", "up").put("test-check", "up"));
  }

  @Test
  void notReadyNamesTheFailingContributedCheck() throws Exception {
    operations.ready.set(false);
    try {
      HttpResponse<String> r = node.get("/health/ready");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonObject body = new JsonObject(r.body());
      assertThat(body.getString("type")).isEqualTo("https://zerolaghub.com/problems/unavailable");
      assertThat(body.getString("detail")).isEqualTo("not ready: test-check");
      assertThat(body.getJsonObject("checks").getString("test-check")).isEqualTo("down");
      assertThat(body.getJsonObject("checks").getString("postgres")).isEqualTo("up");
    } finally {
      operations.ready.set(true);
    }
    assertThat(node.get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsShowTheAppendTimerAfterAnAppendAndJvmMetrics() throws Exception {
    node.platform.context().store()
        .append(StreamId.of("test", "metrics"), ExpectedVersion.ANY,
            List.of(NewEvent.of(new Pinged(1), EventMetadata.system("test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    HttpResponse<String> r = node.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body())
        .containsPattern("(?m)^zlh_event_append_seconds_count(\\{[^}]*\\})? [1-9]")
        .contains("jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage", "vertx_http_server_requests_total", "vertx_pool_");
    assertThat(r.body()).doesNotContain("remote=").doesNotContain("path=\"/");
  }
}
