package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.simulators.SimulatedContainer;
import com.zerolaghub.verticles.config.PlacementConfig;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every container gets its own address, although a Proxmox clone copies the template's net0")
class ContainerAddressesTest {
  private static final int GAME_TEMPLATE = 9000;

  /** A template net0 with one fixed address, as an operator might leave it. */
  private static String fixedNet0(int octet) {
    return "name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:23:28,ip=127." + octet + ".9.9/8,gw=127." + octet + ".0.1,type=veth";
  }

  @Test
  @DisplayName("with DHCP addressing, a template holding a fixed address fails the create at set-resources, naming the fix")
  void fixedTemplateAddressIsRefused() throws Exception {
    try (ServersNode node = ServersNode.start()) {
      node.sims().proxmox().setNet0(GAME_TEMPLATE, fixedNet0(ThreadLocalRandom.current().nextInt(20, 250)));
      String user = ServersNode.newUser();
      JsonObject accepted = node.create(user, ServersNode.game("samehost"));
      JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);

      assertThat(op.getString("status")).as(op.encode()).isEqualTo("failed");
      assertThat(op.getString("phase")).isEqualTo("set-resources");
      assertThat(op.getString("reason")).contains("fixed address").contains("ip=dhcp").contains("infra.containerAddressing=pool");
      assertThat(node.sims().proxmox().containers()).filteredOn(c -> !c.template()).noneMatch(SimulatedContainer::running);
    }
  }

  @Test
  @DisplayName("with pool addressing, each container's net0 gets its vmid's own address and gateway, and both servers run")
  void poolGivesEachContainerItsOwnAddress() throws Exception {
    int octet = ThreadLocalRandom.current().nextInt(20, 250);
    PlacementConfig pool = PlacementConfig.builder().containerAddressing("pool")
        .addressPool("127." + octet + ".240.10-127." + octet + ".240.60/8").addressGateway("127." + octet + ".0.1").build();
    try (ServersNode node = ServersNode.start(RunnerHooks.NONE, c -> c.with(b -> b.infra(i -> i.placement(pool))))) {
      node.sims().proxmox().setNet0(GAME_TEMPLATE, fixedNet0(octet));
      String user = ServersNode.newUser();
      JsonObject first = node.ready(user, ServersNode.game("one"));
      JsonObject second = node.ready(user, ServersNode.game("two"));

      SimulatedContainer a = node.sims().proxmox().container(first.getInteger("vmid")).orElseThrow();
      SimulatedContainer b = node.sims().proxmox().container(second.getInteger("vmid")).orElseThrow();
      assertThat(a.address()).isEqualTo("127." + octet + ".240." + (10 + a.vmid() - 100));
      assertThat(b.address()).isEqualTo("127." + octet + ".240." + (10 + b.vmid() - 100));
      assertThat(a.address()).isNotEqualTo(b.address());
      assertThat(json(node.get(user, "/api/servers/" + second.getString("serverId"))).getString("lifecycle")).isEqualTo("running");
    }
  }
}
