package com.zerolaghub.verticles.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.MonitoringConfig;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/metrics/servers/{vmid}/summary against a fake Prometheus")
class ServerSummaryTest {
  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private static final String PATH = "/api/metrics/servers/101/summary";
  private static FakePrometheus prometheus;
  private static MonitoringNode node;

  @BeforeAll
  static void start() throws Exception {
    prometheus = new FakePrometheus();
    node = MonitoringNode.start(MonitoringConfig.builder().sdToken("t")
        .prometheusUrl(prometheus.url()).prometheusTimeoutMs(500).summaryStaleSeconds(60).build());
    node.record(ServerHistory.readyGame("game-1", "alice", 101, "10.60.0.11", AT));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    prometheus.close();
  }

  @BeforeEach
  void healthyPrometheus() {
    prometheus.failWith(200).delay(0).answer(now(), fresh(now()));
  }

  @Test
  void theOwnerGetsTheFiguresRounded() throws Exception {
    double at = now() - 3;
    prometheus.answer(at + 3, fresh(at));

    HttpResponse<String> r = asAlice();
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getDouble("cpu_percent")).isEqualTo(12.35);
    assertThat(body.getDouble("mem_percent")).isEqualTo(45.68);
    assertThat(body.getDouble("disk_percent")).isEqualTo(70.1);
    assertThat(body.getDouble("net_in")).isEqualTo(1024.5);
    assertThat(body.getDouble("net_out")).isEqualTo(2048.0);
    assertThat(body.getBoolean("stale")).isFalse();
    assertThat(Instant.parse(body.getString("sampledAt")).toEpochMilli()).isEqualTo(Math.round(at * 1000));
  }

  @Test
  void asksPrometheusForThisVmidOnly() throws Exception {
    prometheus.queries.clear();
    asAlice();
    assertThat(prometheus.queries).singleElement().satisfies(q -> assertThat(q)
        .contains("node_cpu_seconds_total{mode=\"idle\",vmid=\"101\"}")
        .contains("node_memory_MemAvailable_bytes{vmid=\"101\"}")
        .contains("node_filesystem_avail_bytes{mountpoint=\"/\",vmid=\"101\"}")
        .contains("node_network_receive_bytes_total{device!=\"lo\",vmid=\"101\"}")
        .doesNotContain("alice"));
  }

  @Test
  void aMissingSeriesIsNullAndStaleNeverZero() throws Exception {
    Map<String, String> parts = fresh(now());
    parts.remove("mem");
    parts.remove("mem_at");
    prometheus.answer(now(), parts);

    JsonObject body = new JsonObject(asAlice().body());
    assertThat(body.containsKey("mem_percent")).isTrue();
    assertThat(body.getValue("mem_percent")).isNull();
    assertThat(body.getBoolean("stale")).isTrue();
    assertThat(body.getDouble("cpu_percent")).isEqualTo(12.35);
  }

  @Test
  void aSampleOlderThanTheThresholdIsNullAndStale() throws Exception {
    double now = now();
    Map<String, String> parts = fresh(now);
    parts.put("disk_at", Double.toString(now - 61));
    prometheus.answer(now, parts);

    JsonObject body = new JsonObject(asAlice().body());
    assertThat(body.getValue("disk_percent")).isNull();
    assertThat(body.getBoolean("stale")).isTrue();
    assertThat(body.getDouble("net_out")).isEqualTo(2048.0);
  }

  @Test
  void noDataAtAllIsAllNullWithNoSampleTime() throws Exception {
    prometheus.answer(now(), Map.of());

    JsonObject body = new JsonObject(asAlice().body());
    for (String f : new String[] {"cpu_percent", "mem_percent", "disk_percent", "net_in", "net_out", "sampledAt"}) {
      assertThat(body.containsKey(f)).as(f).isTrue();
      assertThat(body.getValue(f)).as(f).isNull();
    }
    assertThat(body.getBoolean("stale")).isTrue();
  }

  @Test
  void aNotANumberValueIsMissingData() throws Exception {
    Map<String, String> parts = fresh(now());
    parts.put("cpu", "NaN");
    prometheus.answer(now(), parts);

    assertThat(new JsonObject(asAlice().body()).getValue("cpu_percent")).isNull();
  }

  @Test
  void prometheusFailingIsA503Problem() throws Exception {
    prometheus.failWith(500);
    HttpResponse<String> r = asAlice();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void prometheusTooSlowIsA503WithinTheTimeout() throws Exception {
    prometheus.delay(3_000);
    long t0 = System.nanoTime();
    HttpResponse<String> r = asAlice();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_500);
  }

  @Test
  void prometheusDownIsA503() throws Exception {
    try (MonitoringNode other = MonitoringNode.start(
        MonitoringConfig.builder().prometheusUrl("http://127.0.0.1:1").prometheusTimeoutMs(500).summaryStaleSeconds(60).build())) {
      other.record(ServerHistory.readyGame("g", "alice", 101, "10.0.0.1", AT));
      HttpResponse<String> r = other.get(PATH, HeaderAuthentication.USER, "alice");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(r.body()).getString("detail")).contains("unavailable");
    }
  }

  @Test
  void anotherCustomerGetsTheSame404AsForAnUnknownVmid() throws Exception {
    HttpResponse<String> other = node.get(PATH, HeaderAuthentication.USER, "mallory");
    HttpResponse<String> unknown = node.get("/api/metrics/servers/999/summary", HeaderAuthentication.USER, "alice");

    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(other.body()).getString("title")).isEqualTo(new JsonObject(unknown.body()).getString("title"));
  }

  @Test
  void anAdminSeesEveryServer() throws Exception {
    HttpResponse<String> r = node.get(PATH, HeaderAuthentication.USER, "root", HeaderAuthentication.ROLE, "admin");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void withoutSignInItIs401() throws Exception {
    assertThat(node.get(PATH).statusCode()).isEqualTo(401);
  }

  @Test
  void aDeletedServerHasNoSummary() throws Exception {
    node.record(ServerHistory.readyGame("gone", "alice", 120, "10.60.0.20", AT));
    assertThat(node.get("/api/metrics/servers/120/summary", HeaderAuthentication.USER, "alice").statusCode()).isEqualTo(200);
    node.record(ServerHistory.deletionRequested("gone", "alice", AT));
    node.record(ServerHistory.deleted("gone", "alice", 120, AT));

    assertThat(node.get("/api/metrics/servers/120/summary", HeaderAuthentication.USER, "alice").statusCode()).isEqualTo(404);
  }

  @Test
  void aVmidOutsideProxmoxRangeIsAValidationProblem() throws Exception {
    assertThat(node.get("/api/metrics/servers/abc/summary", HeaderAuthentication.USER, "alice").statusCode()).isEqualTo(400);
    assertThat(node.get("/api/metrics/servers/5/summary", HeaderAuthentication.USER, "alice").statusCode()).isEqualTo(400);
  }

  @Test
  void serverCountsAndTheProvisioningBacklogAreMetrics() throws Exception {
    node.record(ServerHistory.requestedGame("waiting", "alice", Instant.now().minusSeconds(120)));

    String metrics = node.get("/metrics", "Authorization", "Bearer t").body();
    assertThat(metrics).containsPattern("(?m)^zlh_servers\\{state=\"running\",type=\"game\"} [1-9]");
    assertThat(metrics).containsPattern("(?m)^zlh_servers\\{state=\"stopped\",type=\"dev\"} 0\\.0");
    assertThat(metrics).containsPattern("(?m)^zlh_queue_depth\\{queue=\"provisioning\"} 1\\.0");
    assertThat(metrics).containsPattern("(?m)^zlh_queue_oldest_age_seconds\\{queue=\"provisioning\"} 1[2-9][0-9]\\.");
  }

  private static HttpResponse<String> asAlice() throws Exception {
    return node.get(PATH, HeaderAuthentication.USER, "alice");
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private static Map<String, String> fresh(double at) {
    Map<String, String> parts = new HashMap<>();
    parts.put("cpu", "12.3456");
    parts.put("mem", "45.678");
    parts.put("disk", "70.1");
    parts.put("net_in", "1024.5");
    parts.put("net_out", "2048");
    for (String p : new String[] {"cpu", "mem", "disk", "net_in", "net_out"}) parts.put(p + "_at", Double.toString(at));
    return parts;
  }
}
