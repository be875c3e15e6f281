package com.zerolaghub.verticles.controller;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.game;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.simulators.SimulatedDnsRecord;
import com.zerolaghub.verticles.servers.ServersNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default posture: repairs are planned and recorded, nothing is executed. */
class DryRunPostureTest {
  static ControllerNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ControllerNode.start("dry-run", 60_000, RunnerHooks.NONE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  @Test
  void aDeletedSrvRecordIsFoundAndItsRepairPlannedButNeverRun() throws Exception {
    ServersNode servers = node.node;
    String user = ServersNode.newUser();
    JsonObject server = servers.ready(user, game("dry"));
    String id = server.getString("serverId");
    String prefix = "_minecraft._tcp." + server.getString("name") + "-" + server.getInteger("vmid") + ".";
    SimulatedDnsRecord record = servers.sims().cloudflare().records().stream()
        .filter(r -> r.name().startsWith(prefix)).findFirst().orElseThrow();
    servers.servers.serverPorts().runners().dns().deleteRecord(record.id()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    eventually("found with its evidence", 15, () -> {
      JsonObject finding = node.open(id, "srv-missing");
      assertThat(finding).isNotNull();
      assertThat(finding.getJsonObject("evidence").getString("record")).startsWith(prefix.substring(0, prefix.length() - 1));
    });
    // the finding and its planned repair are two appends: the board may show the first alone for a moment
    eventually("its repair planned", 15, () -> {
      List<JsonObject> planned = node.repairsOf(id, "edge_republish");
      assertThat(planned).singleElement().satisfies(r -> {
        assertThat(r.getString("posture")).isEqualTo("dry-run");
        assertThat(r.getString("status")).isEqualTo("planned");
      });
    });
    assertThat(node.status().getJsonObject("posture").getString("level1")).isEqualTo("dry-run");

    String after = node.status().getJsonObject("lastPass").getString("startedAt");
    eventually("several more passes", 15, () -> {
      String now = node.status().getJsonObject("lastPass").getString("startedAt");
      assertThat(now).isGreaterThan(after);
    });
    // still missing, still one finding, the repair never ran
    assertThat(servers.sims().cloudflare().records()).noneMatch(r -> r.name().startsWith(prefix));
    assertThat(node.openFindings().stream().map(o -> (JsonObject) o)
        .filter(f -> f.getString("serverId").equals(id))).hasSize(1);
    assertThat(node.repairsOf(id, "edge_republish")).singleElement()
        .satisfies(r -> assertThat(r.getString("status")).isEqualTo("planned"));
  }

  @Test
  void theOperatorEndpointsAreForAdminsOnly() throws Exception {
    for (String path : List.of("/api/admin/controller", "/api/admin/drift", "/api/admin/repairs")) {
      assertThat(node.node.get(ServersNode.newUser(), path).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(node.node.asAdmin("GET", "/api/admin/repairs?status=bogus", null).statusCode()).isEqualTo(400);
  }
}
