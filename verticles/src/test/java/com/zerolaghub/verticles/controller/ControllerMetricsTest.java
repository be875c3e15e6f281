package com.zerolaghub.verticles.controller;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.game;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.simulators.SimulatedDnsRecord;
import com.zerolaghub.verticles.servers.ServersNode;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the alert rules read about the controller and the repair queue is on /metrics. */
class ControllerMetricsTest {
  static ControllerNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ControllerNode.start("dry-run", 60_000, RunnerHooks.NONE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  private static String metrics() throws Exception {
    return node.node.get(null, "/metrics").body();
  }

  @Test
  void theLeaderItsPassesFindingsByKindAndTheRepairQueueAreExported() throws Exception {
    eventually("this node leads and has passed", 15, () -> {
      String m = metrics();
      assertThat(m).containsPattern("(?m)^zlh_controller_leader 1\\.0$");
      assertThat(m).containsPattern("(?m)^zlh_controller_last_pass_duration_seconds [0-9.]+$");
      assertThat(m).containsPattern("(?m)^zlh_controller_last_pass_age_seconds [0-9.]+(E-?[0-9]+)?$");
    });
    String m = metrics();
    for (String kind : new String[] {"container-missing", "srv-missing", "running-while-suspended", "operation-stuck"}) {
      assertThat(m).containsPattern("(?m)^zlh_controller_open_findings\\{kind=\"" + kind + "\"} 0\\.0$");
    }
    assertThat(m).containsPattern("(?m)^zlh_controller_pending_repairs 0\\.0$");
    assertThat(m).containsPattern("(?m)^zlh_queue_depth\\{queue=\"repair\"} 0\\.0$");
    assertThat(m).containsPattern("(?m)^zlh_queue_oldest_age_seconds\\{queue=\"repair\"} 0\\.0$");

    ServersNode servers = node.node;
    JsonObject server = servers.ready(ServersNode.newUser(), game("metered"));
    String prefix = "_minecraft._tcp." + server.getString("name") + "-" + server.getInteger("vmid") + ".";
    SimulatedDnsRecord record = servers.sims().cloudflare().records().stream()
        .filter(r -> r.name().startsWith(prefix)).findFirst().orElseThrow();
    servers.servers.serverPorts().runners().dns().deleteRecord(record.id()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    eventually("the finding counted by kind", 15, () ->
        assertThat(metrics()).containsPattern("(?m)^zlh_controller_open_findings\\{kind=\"srv-missing\"} 1\\.0$"));
  }
}
