package com.zerolaghub.core.infra.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContainerAddressingTest {
  private static final String CLONED = "name=eth0,bridge=vmbr1,hwaddr=BC:24:11:00:00:65,ip=10.0.5.9/24,gw=10.0.5.1,type=veth";

  @Test
  void poolGivesEachVmidItsOwnAddressKeepingBridgeAndMac() {
    ContainerAddressing.Pool pool = ContainerAddressing.Pool.parse("10.0.5.10-10.0.5.250/24", "10.0.5.1", 100);

    assertThat(pool.net0For(100, CLONED)).contains("name=eth0,bridge=vmbr1,hwaddr=BC:24:11:00:00:65,type=veth,ip=10.0.5.10/24,gw=10.0.5.1");
    assertThat(pool.addressOf(101)).isEqualTo("10.0.5.11");
    assertThat(pool.addressOf(340)).isEqualTo("10.0.5.250");
    assertThatThrownBy(() -> pool.addressOf(341)).hasMessageContaining("no address in the pool");
    assertThatThrownBy(() -> pool.addressOf(99)).hasMessageContaining("no address in the pool");
  }

  @Test
  void poolThatWouldHandOutTheGatewayIsRefused() {
    assertThatThrownBy(() -> ContainerAddressing.Pool.parse("10.0.5.1-10.0.5.250/24", "10.0.5.1", 100))
        .hasMessageContaining("inside the pool");
    assertThatThrownBy(() -> ContainerAddressing.Pool.parse("10.0.5.10-10.0.6.20/24", "10.0.5.1", 100))
        .hasMessageContaining("more than one");
  }

  @Test
  void dhcpRefusesACloneWithTheTemplatesFixedAddress() {
    ContainerAddressing dhcp = new ContainerAddressing.Dhcp();

    assertThat(dhcp.net0For(100, "name=eth0,bridge=vmbr0,ip=dhcp,type=veth")).isEmpty();
    assertThatThrownBy(() -> dhcp.net0For(100, CLONED)).hasMessageContaining("fixed address 10.0.5.9");
  }
}
