package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.verticles.sim.FaultPlan;
import com.zerolaghub.verticles.sim.SimulatedContainer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outside systems misbehave: each operation still ends — succeeded after waiting, or failed
 * with a reason a person can act on — and no container exists without a server record.
 */
class FaultInjectionTest {
  private static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  @AfterEach
  void heal() throws Exception {
    node.sims().proxmox().faults(FaultPlan.none());
    node.sims().cloudflare().faults(FaultPlan.none());
    node.sims().velocity().faults(FaultPlan.none());
    node.awaitIdle();
    noOrphans();
  }

  @Test
  void aFailedCloneTaskFailsTheOperationWithItsReasonAndLeavesNoContainer() throws Exception {
    int containers = node.sims().proxmox().containers().size();
    node.sims().proxmox().faults(FaultPlan.none().failingTasks("vzclone", "clone failed: storage 'local-lvm' is full"));
    JsonObject op = provision("fullstorage");
    assertThat(op.getString("status")).isEqualTo("failed");
    assertThat(op.getString("reason")).contains("storage 'local-lvm' is full");
    assertThat(node.sims().proxmox().containers()).hasSize(containers);
  }

  @Test
  void proxmoxAnswering500OnConfigEndsTheOperationWithAReason() throws Exception {
    node.sims().proxmox().faults(FaultPlan.none().failing("PUT", ".*/lxc/[0-9]+/config", 500));
    assertEndsClearly(provision("config500"));
  }

  @Test
  void aLockedTemplateMakesTheCreateWaitOrFailClearlyNeverHang() throws Exception {
    node.sims().proxmox().holdLock(9000, "backup");
    try {
      assertEndsClearly(provision("locked"));
    } finally {
      node.sims().proxmox().releaseLock(9000);
    }
  }

  @Test
  void cloudflareErrorsEndTheOperationWithAReason() throws Exception {
    node.sims().cloudflare().faults(FaultPlan.none().failing("POST", ".*dns_records.*", 503));
    assertEndsClearly(provision("dns503"));
  }

  @Test
  void aVelocityBridgeThatNeverAnswersTimesOutInsteadOfHanging() throws Exception {
    node.sims().velocity().faults(FaultPlan.none().hanging("/servers.*"));
    assertEndsClearly(provision("velhang"));
  }

  private static JsonObject provision(String name) throws Exception {
    String user = ServersNode.newUser();
    JsonObject accepted = node.create(user, ServersNode.game(name));
    return node.awaitFinished(user, accepted.getString("operationId"), 45);
  }

  private static void assertEndsClearly(JsonObject op) {
    assertThat(op.getString("status")).isIn("succeeded", "failed");
    if (op.getString("status").equals("failed")) {
      assertThat(op.getString("reason")).as(op.encode()).isNotBlank();
    }
  }

  /** Every simulated container (templates aside) belongs to a server the log knows. */
  private static void noOrphans() throws Exception {
    ServersNode.eventually("every container has a record", 10, () -> {
      Set<Integer> known = node.servers.directory().current().servers().stream()
          .map(ServerDirectory.Server::vmid).filter(v -> v != null).collect(Collectors.toSet());
      Set<Integer> containers = node.sims().proxmox().containers().stream()
          .map(SimulatedContainer::vmid).filter(v -> v != 9000 && v != 9001).collect(Collectors.toSet());
      assertThat(known).containsAll(containers);
    });
  }
}
