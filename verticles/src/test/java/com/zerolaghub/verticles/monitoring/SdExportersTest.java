package com.zerolaghub.verticles.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.MonitoringConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /sd/exporters: Prometheus HTTP service discovery")
class SdExportersTest {
  private static final String TOKEN = "sd-test-token-0123456789abcdef";
  private static final String AUTH = "Authorization";
  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private static MonitoringNode node;

  @BeforeAll
  static void start() throws Exception {
    node = MonitoringNode.start(MonitoringConfig.builder().sdToken(TOKEN).sdDevelopmentMode(false).exporterPort(12345).build());
    node.record(ServerHistory.readyGame("game-1", "owner-alice", 101, "10.60.0.11", AT));
    node.record(ServerHistory.readyDev("dev-1", "owner-bob", 102, "10.60.0.12", AT));
    node.record(ServerHistory.requestedGame("game-provisioning", "owner-alice", AT));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void listsEveryRunningContainerAsAnHttpSdTargetGroup() throws Exception {
    HttpResponse<String> r = sd();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonArray groups = new JsonArray(r.body());
    JsonObject game = group(groups, "101");
    assertThat(game.getJsonArray("targets")).containsExactly("10.60.0.11:12345");
    assertThat(game.getJsonObject("labels").getMap()).containsEntry("vmid", "101")
        .containsEntry("instance", "10.60.0.11:12345").containsEntry("container_type", "game");
    assertThat(group(groups, "102").getJsonObject("labels").getString("container_type")).isEqualTo("dev");
  }

  @Test
  void aServerStillProvisioningIsNotListed() throws Exception {
    assertThat(targetVmids(sd())).containsExactly("101", "102");
  }

  @Test
  void labelsDescribeTheContainerAndNeverItsOwner() throws Exception {
    HttpResponse<String> r = sd();
    JsonArray groups = new JsonArray(r.body());

    assertThat(group(groups, "101").getJsonObject("labels").getMap())
        .containsEntry("server_id", "game-1").containsEntry("name", "survival").containsEntry("hostname", "survival-101")
        .containsEntry("game", "minecraft").containsEntry("variant", "vanilla").containsEntry("plan", "g4")
        .doesNotContainKey("runtime");
    assertThat(group(groups, "102").getJsonObject("labels").getMap())
        .containsEntry("runtime", "node").containsEntry("plan", "dev-small")
        .doesNotContainKeys("game", "variant");
    assertThat(r.body()).doesNotContain("owner").doesNotContain("owner-alice").doesNotContain("owner-bob");
    assertThat(r.body()).doesNotContain(TOKEN);
  }

  @Test
  void refusesARequestWithoutAToken() throws Exception {
    HttpResponse<String> r = node.get("/sd/exporters");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(r.body()).doesNotContain("10.60.0.11");
  }

  @Test
  void refusesAWrongTokenOfTheSameLengthAPrefixAndAnotherScheme() throws Exception {
    String sameLength = TOKEN.substring(0, TOKEN.length() - 1) + "X";
    for (String header : List.of("Bearer " + sameLength, "Bearer " + TOKEN.substring(0, 10), "Bearer " + TOKEN + "X",
        "Basic " + TOKEN, "Bearer ", TOKEN)) {
      HttpResponse<String> r = node.get("/sd/exporters", AUTH, header);
      assertThat(r.statusCode()).as(header).isEqualTo(401);
      assertThat(r.body()).doesNotContain("10.60.0.11");
    }
  }

  @Test
  void acceptsTheBearerSchemeInAnyCase() throws Exception {
    assertThat(node.get("/sd/exporters", AUTH, "bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void aServerLeavesDiscoveryOnTheFirstRequestAfterItsDeletionWasRequested() throws Exception {
    node.record(ServerHistory.readyGame("doomed", "owner-alice", 150, "10.60.0.50", AT));
    assertThat(targetVmids(sd())).contains("150");

    node.record(ServerHistory.deletionRequested("doomed", "owner-alice", AT));
    assertThat(targetVmids(sd())).doesNotContain("150");

    node.record(ServerHistory.deleted("doomed", "owner-alice", 150, AT));
    assertThat(targetVmids(sd())).doesNotContain("150");
  }

  @Test
  void aStoppedHostLeavesDiscovery() throws Exception {
    node.record(ServerHistory.readyDev("sleepy", "owner-bob", 160, "10.60.0.60", AT));
    node.record(ServerHistory.stopped("sleepy", AT));

    assertThat(targetVmids(sd())).doesNotContain("160");
  }

  @Test
  void historicalModeAlsoListsDeletedServersLabelledAsSuch() throws Exception {
    node.record(ServerHistory.readyGame("old", "owner-alice", 170, "10.60.0.70", AT));
    node.record(ServerHistory.deletionRequested("old", "owner-alice", AT));
    node.record(ServerHistory.deleted("old", "owner-alice", 170, AT));

    HttpResponse<String> r = node.get("/sd/exporters?include=historical", AUTH, "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray groups = new JsonArray(r.body());
    assertThat(group(groups, "170").getJsonObject("labels").getMap())
        .containsEntry("zlh_historical", "true").containsEntry("zlh_state", "deleted");
    assertThat(group(groups, "101").getJsonObject("labels").getMap()).doesNotContainKey("zlh_historical");
    assertThat(r.body()).doesNotContain("owner-alice");
    assertThat(targetVmids(sd())).doesNotContain("170");
  }

  @Test
  void anUnknownIncludeValueIsAValidationProblem() throws Exception {
    HttpResponse<String> r = node.get("/sd/exporters?include=everything", AUTH, "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void answersFromTheSameCachedBodyUntilTheModelChanges() throws Exception {
    String first = sd().body();
    assertThat(sd().body()).isEqualTo(first);
    node.record(ServerHistory.readyGame("newcomer", "owner-carol", 180, "10.60.0.80", AT));
    assertThat(sd().body()).isNotEqualTo(first).contains("10.60.0.80:12345");
  }

  @Test
  void requestMetricsCarryTheRouteTemplateNotTheRawPath() throws Exception {
    sd();
    node.get("/api/metrics/servers/4242/summary", HeaderAuthentication.USER, "someone");
    String metrics = node.get("/metrics", "Authorization", "Bearer " + TOKEN).body();

    assertThat(metrics).containsPattern("vertx_http_server_requests_total\\{[^}]*route=\"/sd/exporters\"");
    // no label carries the raw path's id (a sample value may contain those digits by chance)
    assertThat(metrics).doesNotContainPattern("\\{[^}]*4242[^}]*\\}");
    assertThat(metrics).containsPattern("route=\"/api/metrics/servers/[:{]vmid}?/summary\"");
  }

  private static HttpResponse<String> sd() throws Exception {
    return node.get("/sd/exporters", AUTH, "Bearer " + TOKEN);
  }

  private static List<String> targetVmids(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> vmids = new ArrayList<>();
    for (Object g : new JsonArray(r.body())) vmids.add(((JsonObject) g).getJsonObject("labels").getString("vmid"));
    return vmids;
  }

  private static JsonObject group(JsonArray groups, String vmid) {
    for (Object g : groups) {
      JsonObject group = (JsonObject) g;
      if (vmid.equals(group.getJsonObject("labels").getString("vmid"))) return group;
    }
    throw new AssertionError("no target group for vmid " + vmid + " in " + groups.encode());
  }
}
