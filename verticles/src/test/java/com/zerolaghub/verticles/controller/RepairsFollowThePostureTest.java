package com.zerolaghub.verticles.controller;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.game;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.simulators.SimulatedDnsRecord;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.ServersConfig;
import com.zerolaghub.verticles.infra.SimulatedSystems;
import com.zerolaghub.verticles.servers.ServersNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Planned repairs follow the posture: a dry-run Level 1 plan runs on the first pass after the
 * switch to live (no other finding needed), and a plan whose finding cleared leaves the list.
 * The node is restarted on the same log against simulators of its own process's lifetime.
 */
class RepairsFollowThePostureTest {
  static final String SECRET = "a-platform-secret-of-at-least-32-characters";
  Vertx vertx;
  SimulatedSystems sims;
  TestPostgres.Database db;
  ControllerNode node;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sims = SimulatedSystems.start(vertx, InfraConfig.builder().simTaskDurationMs(3).build(), ServersConfig.defaults(),
        SimulatedSystems.Ports.ANY, false).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    db = TestPostgres.freshDatabase();
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) node.close();
    sims.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ControllerNode startNode(String level1) throws Exception {
    return ControllerNode.start(db, level1, 60_000, RunnerHooks.NONE, this::onSharedSimulators);
  }

  private PlatformConfig onSharedSimulators(PlatformConfig c) {
    InfraConfig reach = sims.adapterConfig(c.infra().toBuilder().mode(InfraConfig.MODE_PROXMOX).build());
    return c.with(b -> b.infra(reach).servers(s -> s.platformSecret(SECRET)));
  }

  @Test
  void aDryRunRepairRunsOnTheFirstPassAfterTheSwitchToLive() throws Exception {
    node = startNode("dry-run");
    String prefix = srvDeleted("posture");
    String id = serverId;
    eventually("planned under dry-run", 60, () -> assertThat(node.repairsOf(id, "edge_republish")).singleElement()
        .satisfies(r -> assertThat(r.getString("posture") + " " + r.getString("status")).isEqualTo("dry-run planned")));
    String dryRunRepair = node.repairsOf(id, "edge_republish").get(0).getString("repairId");
    node.close();

    node = startNode("live");
    eventually("the record republished", 60, () -> assertThat(sims.cloudflare().records())
        .anyMatch(r -> r.name().startsWith(prefix)));
    eventually("the live repair succeeded and the dry-run plan left the list", 60, () ->
        assertThat(node.repairsOf(id, "edge_republish")).singleElement().satisfies(r -> {
          assertThat(r.getString("posture")).isEqualTo("live");
          assertThat(r.getString("status")).isEqualTo("succeeded");
          assertThat(r.getString("repairId")).isNotEqualTo(dryRunRepair);
        }));
    eventually("the finding cleared", 60, () -> assertThat(node.open(id, "srv-missing")).isNull());
    // nothing but this server's own drift was ever found: no unrelated finding set it off
    assertThat(node.openFindings()).isEmpty();
  }

  @Test
  void aPlannedRepairWhoseFindingClearedLeavesTheList() throws Exception {
    node = startNode("dry-run");
    String prefix = srvDeleted("cleared");
    String id = serverId;
    eventually("planned under dry-run", 60, () -> assertThat(node.repairsOf(id, "edge_republish")).hasSize(1));

    // someone puts the record back by hand
    node.node.servers.serverPorts().runners().dns().createSrv(deleted.name(), deleted.target(), deleted.port(), deleted.priority(),
        deleted.weight()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    eventually("the finding cleared", 60, () -> assertThat(node.open(id, "srv-missing")).isNull());
    eventually("its planned repair left the list", 60, () -> assertThat(node.repairsOf(id, "edge_republish")).isEmpty());
    assertThat(sims.cloudflare().records()).filteredOn(r -> r.name().startsWith(prefix)).hasSize(1);
  }

  String serverId;
  SimulatedDnsRecord deleted;

  /** A ready game server whose SRV record is then deleted behind the platform's back; answers the record's prefix. */
  private String srvDeleted(String name) throws Exception {
    ServersNode servers = node.node;
    JsonObject server = servers.ready(ServersNode.newUser(), game(name));
    serverId = server.getString("serverId");
    String prefix = "_minecraft._tcp." + server.getString("name") + "-" + server.getInteger("vmid") + ".";
    deleted = sims.cloudflare().records().stream().filter(r -> r.name().startsWith(prefix)).findFirst().orElseThrow();
    servers.servers.serverPorts().runners().dns().deleteRecord(deleted.id()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    eventually("found", 60, () -> assertThat(node.open(serverId, "srv-missing")).isNotNull());
    return prefix;
  }
}
