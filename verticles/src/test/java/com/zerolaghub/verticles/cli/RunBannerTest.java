package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.LogConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("zlh run greets a person: a banner once ready, readable logs in a terminal")
class RunBannerTest {
  @Test
  void theBannerSaysWhereThePortalAndIdesAreWhereDataLivesHowToMakeAnAdminAndHowToStop() {
    PlatformConfig config = PlatformConfig.defaults().with(c -> c.data(new DataConfig("./data")));
    String banner = RunBanner.text(config, 8080, 8081);
    String data = Path.of("./data").toAbsolutePath().normalize().toString();
    assertThat(banner).startsWith("ZeroLagHub is ready.\n")
        .contains("Portal and API  http://localhost:8080")
        .contains("Hosted IDEs     http://dev-<vmid>.localhost:8081")
        .contains("Data directory  " + data + "   (embedded PostgreSQL and Redis)")
        .contains("admin create --email you@example.com --data-dir " + data)
        .contains("Stop            Ctrl-C or SIGTERM");
    assertThat(banner.lines()).hasSize(6);
  }

  @Test
  void aNodeOnAnotherPortOrWithoutProxyStillSaysWhereItIs() {
    String banner = RunBanner.text(PlatformConfig.defaults(), 9123, -1);
    assertThat(banner).contains("(this node: http://").contains(":9123)").doesNotContain("Hosted IDEs");
  }

  @Test
  void logsAreReadableInATerminalAndJsonElsewhereUnlessConfigured() {
    assertThat(LogConfig.defaults().mode()).isEqualTo("auto");
    assertThat(LogConfig.defaults().jsonWhen(true)).as("in a terminal").isFalse();
    assertThat(LogConfig.defaults().jsonWhen(false)).as("under systemd or in a pipe").isTrue();
    assertThat(new LogConfig("true").jsonWhen(true)).isTrue();
    assertThat(new LogConfig("false").jsonWhen(false)).isFalse();
  }
}
