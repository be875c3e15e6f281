package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An administrator runs one planned repair of any level, once, with a reason")
class RepairByHandTest {
  private static Operators ops;

  @BeforeAll
  static void start() throws Exception {
    ops = Operators.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ops != null) ops.close();
  }

  @Test
  void aPlannedLevelTwoStartHostRunsOnceByHandAndItsEventsNameTheAdministratorAndTheReason() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningDevServer(customer[1]);
    int vmid = ops.json(customer[1], "/api/servers/" + serverId).getInteger("vmid");
    ops.stopAtProxmox(vmid);

    JsonObject[] planned = new JsonObject[1];
    Operators.eventually("start_host planned", () -> {
      planned[0] = startHostOf(admin[1], serverId);
      return planned[0] != null;
    });
    assertThat(planned[0].getString("status")).isEqualTo("planned");
    assertThat(planned[0].getString("posture")).isEqualTo("planned-only");
    assertThat(planned[0].getInteger("level")).isEqualTo(2);
    String repairId = planned[0].getString("repairId");
    Thread.sleep(600); // several passes: the controller never runs a level-2 repair on its own
    assertThat(startHostOf(admin[1], serverId).getString("status")).isEqualTo("planned");
    assertThat(ops.node.containerStatus(vmid)).isEqualTo("stopped");

    JsonObject because = new JsonObject().put("reason", "customer asked on ticket 42");
    assertThat(ops.post(customer[1], "/api/admin/repairs/" + repairId + "/run", because).statusCode()).isEqualTo(403);
    assertThat(ops.post(admin[1], "/api/admin/repairs/" + repairId + "/run", new JsonObject()).statusCode()).isEqualTo(400);
    assertThat(ops.post(admin[1], "/api/admin/repairs/no-such-repair/run", because).statusCode()).isEqualTo(404);

    HttpResponse<String> ran = ops.post(admin[1], "/api/admin/repairs/" + repairId + "/run", because);
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    JsonObject result = new JsonObject(ran.body());
    assertThat(result.getString("status")).isEqualTo("succeeded");
    assertThat(result.getString("operationId")).isNotBlank();
    Operators.eventually("host running again", () -> {
      try {
        return ops.node.containerStatus(vmid).equals("running");
      } catch (Exception e) {
        return false;
      }
    });

    HttpResponse<String> again = ops.post(admin[1], "/api/admin/repairs/" + repairId + "/run", because);
    assertThat(again.statusCode()).as("a second run").isEqualTo(409);
    assertThat(again.body()).contains("problems/conflict");

    JsonArray timeline = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events");
    JsonObject byHand = of(timeline, "repair.run-requested");
    assertThat(byHand.getString("text")).isEqualTo("repair start_host (level 2) run by hand: customer asked on ticket 42");
    assertThat(byHand.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
    assertThat(of(timeline, "repair.started").getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
    assertThat(of(timeline, "repair.succeeded").getString("text")).startsWith("host started by repair");
    JsonObject start = of(timeline, "server.host-action-requested");
    assertThat(start.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
    JsonObject raw = ops.json(admin[1], byHand.getString("raw"));
    assertThat(raw.getJsonObject("payload").getString("reason")).isEqualTo("customer asked on ticket 42");
    assertThat(raw.getJsonObject("payload").getString("requestedBy")).isEqualTo(admin[0]);
    assertThat(raw.getJsonObject("metadata").getString("actor")).isEqualTo("user:" + admin[0]);
    assertThat(ops.json(admin[1], start.getString("raw")).getJsonObject("metadata").getString("causationId"))
        .isEqualTo(raw.getString("eventId"));
  }

  @Test
  void aLevelOneRepairPlannedUnderDryRunRunsByHandAndTheFindingClears() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    HttpResponse<String> created = ops.post(customer[1], "/api/instances", new JsonObject().put("type", "game").put("name", "srvgone")
        .put("variant", "vanilla").put("plan", "game-4g"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String serverId = new JsonObject(created.body()).getString("serverId");
    Operators.eventually("game server running",
        () -> "running".equals(ops.json(customer[1], "/api/servers/" + serverId).getString("lifecycle")));
    JsonObject server = ops.json(customer[1], "/api/servers/" + serverId);
    String srv = "_minecraft._tcp." + server.getString("name") + "-" + server.getInteger("vmid") + ".";
    var cloudflare = ops.node.sims().cloudflare();
    var record = cloudflare.records().stream().filter(r -> r.type().equals("SRV") && r.name().startsWith(srv)).findFirst()
        .orElseThrow();
    assertThat(ops.node.servers.serverPorts().runners().dns().deleteRecord(record.id()).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS)).isTrue();

    JsonObject[] planned = new JsonObject[1];
    Operators.eventually("edge_republish planned", () -> {
      planned[0] = repairOf(admin[1], serverId, "edge_republish");
      return planned[0] != null;
    });
    assertThat(planned[0].getString("posture")).as("level 1 starts in dry-run").isEqualTo("dry-run");
    assertThat(planned[0].getString("status")).isEqualTo("planned");

    HttpResponse<String> ran = ops.post(admin[1], "/api/admin/repairs/" + planned[0].getString("repairId") + "/run",
        new JsonObject().put("reason", "customer cannot connect"));
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    assertThat(new JsonObject(ran.body()).getString("status")).isEqualTo("succeeded");
    assertThat(cloudflare.records()).anyMatch(r -> r.type().equals("SRV") && r.name().startsWith(srv));
    Operators.eventually("the finding clears", () -> ops.json(admin[1], "/api/admin/drift").getJsonArray("open").stream()
        .map(JsonObject.class::cast).noneMatch(f -> f.getString("serverId").equals(serverId)));

    JsonArray timeline = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events");
    JsonObject republished = of(timeline, "repair.succeeded");
    assertThat(republished.getString("text")).startsWith("SRV record republished by repair");
    assertThat(republished.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
    JsonArray own = ops.json(customer[1], "/api/servers/" + serverId + "/timeline").getJsonArray("events");
    assertThat(own.stream().map(JsonObject.class::cast).map(e -> e.getString("text"))).contains("SRV record republished by repair");
    assertThat(own.encode()).doesNotContain(admin[0]).doesNotContain("customer cannot connect");
  }

  private static JsonObject repairOf(String token, String serverId, String action) {
    return ops.json(token, "/api/admin/repairs").getJsonArray("repairs").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("serverId").equals(serverId) && r.getString("action").equals(action))
        .findFirst().orElse(null);
  }

  private static JsonObject startHostOf(String token, String serverId) {
    return ops.json(token, "/api/admin/repairs").getJsonArray("repairs").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("serverId").equals(serverId) && r.getString("action").equals("start_host"))
        .findFirst().orElse(null);
  }

  private static JsonObject of(JsonArray events, String type) {
    return events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events.encodePrettily()));
  }
}
