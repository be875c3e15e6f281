package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An administrator runs a planned level-3 reprovision once, with a reason")
class ReprovisionByHandTest {
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
  void aVanishedContainerIsSetUpAgainOnItsVmidAndTheFindingClears() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningGameServer(customer[1]);
    int vmid = ops.json(customer[1], "/api/servers/" + serverId).getInteger("vmid");
    int clones = ops.node.sims().proxmox().cloneCount();

    // The container vanishes behind the platform's back (stopped and deleted straight at Proxmox).
    ops.stopAtProxmox(vmid);
    var proxmox = ops.node.servers.serverPorts().runners().proxmox();
    proxmox.awaitTask(proxmox.delete(vmid).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), Duration.ofSeconds(10))
        .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertThat(ops.node.sims().proxmox().container(vmid)).isEmpty();

    JsonObject[] planned = new JsonObject[1];
    Operators.eventually("reprovision planned", () -> {
      planned[0] = repairOf(admin[1], serverId, "reprovision");
      return planned[0] != null;
    });
    assertThat(planned[0].getInteger("level")).isEqualTo(3);
    assertThat(planned[0].getString("posture")).isEqualTo("planned-only");
    String repairId = planned[0].getString("repairId");
    Thread.sleep(600); // several passes: the controller never runs a level-3 repair on its own
    assertThat(repairOf(admin[1], serverId, "reprovision").getString("status")).isEqualTo("planned");
    assertThat(ops.node.sims().proxmox().cloneCount()).isEqualTo(clones);

    JsonObject because = new JsonObject().put("reason", "container lost with node 2's disk");
    assertThat(ops.post(customer[1], "/api/admin/repairs/" + repairId + "/run", because).statusCode()).isEqualTo(403);
    HttpResponse<String> ran = ops.post(admin[1], "/api/admin/repairs/" + repairId + "/run", because);
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    JsonObject result = new JsonObject(ran.body());
    assertThat(result.getString("status")).as(result.encode()).isEqualTo("succeeded");
    assertThat(result.getInteger("level")).isEqualTo(3);
    assertThat(result.getString("operationId")).isNotBlank();

    Operators.eventually("the server runs again", () -> {
      JsonObject s = ops.json(customer[1], "/api/servers/" + serverId);
      return "running".equals(s.getString("lifecycle")) && ops.node.sims().proxmox().container(vmid).isPresent();
    });
    assertThat(ops.json(customer[1], "/api/servers/" + serverId).getInteger("vmid")).as("the same vmid").isEqualTo(vmid);
    assertThat(ops.node.sims().proxmox().cloneCount()).isEqualTo(clones + 1);
    Operators.eventually("the finding clears", () -> ops.json(admin[1], "/api/admin/drift").getJsonArray("open").stream()
        .map(JsonObject.class::cast).noneMatch(f -> f.getString("serverId").equals(serverId)));

    HttpResponse<String> again = ops.post(admin[1], "/api/admin/repairs/" + repairId + "/run", because);
    assertThat(again.statusCode()).as("a second run").isEqualTo(409);

    JsonArray timeline = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events");
    JsonObject requested = of(timeline, "server.reprovision-requested");
    assertThat(requested.getString("text")).isEqualTo("container set up again by repair: container lost with node 2's disk");
    assertThat(requested.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
    JsonObject raw = ops.json(admin[1], requested.getString("raw"));
    assertThat(raw.getJsonObject("payload").getString("requestedBy")).isEqualTo(admin[0]);
    assertThat(raw.getJsonObject("payload").getString("operationId")).isEqualTo(result.getString("operationId"));
    JsonArray own = ops.json(customer[1], "/api/servers/" + serverId + "/timeline").getJsonArray("events");
    assertThat(own.stream().map(JsonObject.class::cast).map(e -> e.getString("text"))).contains("container set up again by repair");
    assertThat(own.encode()).doesNotContain(admin[0]).doesNotContain("node 2's disk");
  }

  private static JsonObject repairOf(String token, String serverId, String action) {
    return ops.json(token, "/api/admin/repairs").getJsonArray("repairs").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("serverId").equals(serverId) && r.getString("action").equals(action))
        .findFirst().orElse(null);
  }

  private static JsonObject of(JsonArray events, String type) {
    return events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events.encodePrettily()));
  }
}
