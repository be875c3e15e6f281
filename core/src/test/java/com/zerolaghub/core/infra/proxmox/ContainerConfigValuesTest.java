package com.zerolaghub.core.infra.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerConfigValuesTest {

  @Test
  void environmentBecomesNulSeparatedPairsAndBack() {
    ContainerEnvironment env = new ContainerEnvironment(Map.of("ZLH_AGENT_TOKEN", "s3cret", "A", "1"));

    assertThat(env.toConfigValue()).isEqualTo("A=1\0ZLH_AGENT_TOKEN=s3cret");
    assertThat(ContainerEnvironment.fromConfigValue(env.toConfigValue())).isEqualTo(env);
  }

  @Test
  void environmentRefusesControlCharactersAndOddNames() {
    assertThatThrownBy(() -> new ContainerEnvironment(Map.of("A", "line\nbreak"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContainerEnvironment(Map.of("A-B", "x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsStayOutOfToString() {
    assertThat(ContainerEnvironment.agentToken("s3cret").toString()).doesNotContain("s3cret").contains("ZLH_AGENT_TOKEN");
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
