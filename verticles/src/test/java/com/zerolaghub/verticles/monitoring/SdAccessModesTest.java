package com.zerolaghub.verticles.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.MonitoringConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/sd/exporters and /metrics fail closed without a token unless development mode opens them")
class SdAccessModesTest {
  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void withoutATokenAndWithoutDevelopmentModeEveryRequestIsRefused() throws Exception {
    try (MonitoringNode node = MonitoringNode.start(MonitoringConfig.builder().sdDevelopmentMode(false).build())) {
      node.record(ServerHistory.readyGame("g", "owner", 101, "10.0.0.1", AT));
      for (String auth : new String[] {null, "Bearer ", "Bearer anything"}) {
        HttpResponse<String> r = auth == null ? node.get("/sd/exporters") : node.get("/sd/exporters", "Authorization", auth);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("no token configured").doesNotContain("10.0.0.1");
      }
    }
  }

  @Test
  void readinessSaysWhenDiscoveryRefusesEveryRequestAndNotWhenItServes() throws Exception {
    try (MonitoringNode closed = MonitoringNode.start(MonitoringConfig.builder().sdDevelopmentMode(false).build())) {
      HttpResponse<String> ready = closed.get("/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(new JsonObject(ready.body()).getJsonArray("warnings").encode())
          .contains("/sd/exporters refuses every request").contains("monitoring.sdToken");
    }
    try (MonitoringNode withToken = MonitoringNode.start(MonitoringConfig.builder().sdToken("t0ken").build())) {
      HttpResponse<String> ready = withToken.get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(ready.body()).containsKey("warnings")).as(ready.body()).isFalse();
    }
  }

  @Test
  void developmentModeServesWithoutATokenButAConfiguredTokenIsStillRequired() throws Exception {
    try (MonitoringNode open = MonitoringNode.start(MonitoringConfig.defaults())) {
      open.record(ServerHistory.readyGame("g", "owner", 101, "10.0.0.1", AT));
      HttpResponse<String> r = open.get("/sd/exporters");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new JsonArray(r.body())).hasSize(1);
    }
    try (MonitoringNode withToken = MonitoringNode.start(MonitoringConfig.builder().sdToken("t0ken").build())) {
      assertThat(withToken.get("/sd/exporters").statusCode()).isEqualTo(401);
      assertThat(withToken.get("/sd/exporters", "Authorization", "Bearer t0ken").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void developmentModeIsIgnoredOnRealInfrastructure() throws Exception {
    try (MonitoringNode node = MonitoringNode.start(c -> c.with(b -> b.monitoring(MonitoringConfig.defaults())
        .infra(InfraConfig.builder().mode(InfraConfig.MODE_PROXMOX).build())))) {
      assertThat(node.get("/sd/exporters").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void metricsTakeTheSameTokenAndFailClosedOnRealInfrastructure() throws Exception {
    try (MonitoringNode withToken = MonitoringNode.start(MonitoringConfig.builder().sdToken("t0ken").build())) {
      HttpResponse<String> anonymous = withToken.get("/metrics");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("jvm_").contains("bearer token");
      assertThat(withToken.get("/metrics", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
      HttpResponse<String> prometheus = withToken.get("/metrics", "Authorization", "Bearer t0ken");
      assertThat(prometheus.statusCode()).isEqualTo(200);
      assertThat(prometheus.body()).contains("jvm_");
    }
    try (MonitoringNode production = MonitoringNode.start(c -> c.with(b -> b.monitoring(MonitoringConfig.defaults())
        .infra(InfraConfig.builder().mode(InfraConfig.MODE_PROXMOX).build())))) {
      HttpResponse<String> r = production.get("/metrics");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).doesNotContain("jvm_").contains("monitoring.sdToken");
    }
    try (MonitoringNode laptop = MonitoringNode.start(MonitoringConfig.defaults())) {
      assertThat(laptop.get("/metrics").statusCode()).as("development mode").isEqualTo(200);
    }
  }

  @Test
  void theTokenMayComeFromAFile() throws Exception {
    Path file = Files.createTempFile("sd-token", "");
    Files.writeString(file, "from-a-file\n");
    try (MonitoringNode node = MonitoringNode.start(
        MonitoringConfig.builder().sdTokenFile(file.toString()).sdDevelopmentMode(false).prometheusUrl("").build())) {
      assertThat(node.get("/sd/exporters", "Authorization", "Bearer from-a-file").statusCode()).isEqualTo(200);
      assertThat(node.get("/sd/exporters", "Authorization", "Bearer from-a-fil").statusCode()).isEqualTo(401);
    }
  }
}
