package com.zerolaghub.proxy.impl.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DevHostNameTest {
  private final DevHostName hosts = new DevHostName("dev.zerolaghub.test");

  @Test
  void readsTheVmidOfADevHostInAnyCase() {
    assertThat(hosts.vmidOf("dev-101.dev.zerolaghub.test")).hasValue(101);
    assertThat(hosts.vmidOf("DEV-5012.Dev.ZeroLagHub.Test.")).hasValue(5012);
  }

  @Test
  void anythingElseIsNoDevHost() {
    for (String host : new String[] {"dev-.dev.zerolaghub.test", "dev-01.dev.zerolaghub.test", "dev-1a.dev.zerolaghub.test",
        "dev-1.other.test", "x.dev-1.dev.zerolaghub.test", "dev-1.dev.zerolaghub.test.evil", "dev-9999999999.dev.zerolaghub.test",
        "dev-1xdev.zerolaghub.test", "dev.zerolaghub.test", ""}) {
      assertThat(hosts.vmidOf(host)).as(host).isEqualTo(OptionalInt.empty());
    }
    assertThat(hosts.vmidOf(null)).isEmpty();
  }

  @Test
  void buildsTheHostOfAVmid() {
    assertThat(new DevHostName(".dev.zerolaghub.test.").hostFor(7)).isEqualTo("dev-7.dev.zerolaghub.test");
  }
}
