package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.verticles.config.PlacementConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("linked or full clones are a configuration choice; storage without the clone feature is a clear failure")
class CloneStorageTest {
  private static final int GAME_TEMPLATE = 9000;

  @Test
  @DisplayName("a linked clone of a template on directory storage fails at clone with Proxmox's reason and the setting to change")
  void linkedCloneOnDirectoryStorageFailsClearly() throws Exception {
    try (ServersNode node = ServersNode.start()) {
      node.sims().proxmox().setStorage(GAME_TEMPLATE, "local");
      String user = ServersNode.newUser();
      JsonObject accepted = node.create(user, ServersNode.game("dirstore"));
      JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);

      assertThat(op.getString("status")).as(op.encode()).isEqualTo("failed");
      assertThat(op.getString("phase")).isEqualTo("clone");
      assertThat(op.getString("reason")).contains("Linked clone feature for 'local:9000/base-9000-disk-0.raw' is not available")
          .contains("infra.cloneMode=full");
      assertThat(node.sims().proxmox().cloneCount()).isZero();
    }
  }

  @Test
  @DisplayName("with cloneMode=full and cloneStorage, a template on directory storage clones onto the chosen storage")
  void fullCloneOntoTheConfiguredStorage() throws Exception {
    PlacementConfig full = PlacementConfig.builder().cloneMode("full").cloneStorage("local-zfs").build();
    try (ServersNode node = ServersNode.start(RunnerHooks.NONE, c -> c.with(b -> b.infra(i -> i.placement(full))))) {
      node.sims().proxmox().setStorage(GAME_TEMPLATE, "local");
      String user = ServersNode.newUser();
      JsonObject server = node.ready(user, ServersNode.game("copied"));

      assertThat(node.sims().proxmox().rootfs(server.getInteger("vmid"))).isEqualTo("local-zfs:vm-" + server.getInteger("vmid") + "-disk-0");
    }
  }
}
