package com.zerolaghub.core.infra.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ContainerConfigValuesTest {

  @Test
  void secretsStayOutOfToString() {
    ProxmoxOptions options = ProxmoxOptions.of(URI.create("https://pve:8006/api2/json"), "zlh@pve!control", "uuid-secret");
    assertThat(options.toString()).doesNotContain("uuid-secret");
    assertThat(options.authorizationHeader()).isEqualTo("PVEAPIToken=zlh@pve!control=uuid-secret");
  }

  @Test
  void staticAddressComesFromNet0() {
    assertThat(NetworkConfig.staticIpv4("name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:65,ip=10.0.0.5/24,gw=10.0.0.1,type=veth"))
        .contains("10.0.0.5");
    assertThat(NetworkConfig.staticIpv4("name=eth0,bridge=vmbr0,ip=dhcp")).isEmpty();
    assertThat(NetworkConfig.staticIpv4(null)).isEmpty();
  }
}
