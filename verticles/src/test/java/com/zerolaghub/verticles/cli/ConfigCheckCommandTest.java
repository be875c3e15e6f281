package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.ConfigKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckCommandTest {
  private static final Path EXAMPLE = Path.of("..", "deploy", "config", "zlh.example.yaml");

  @Test
  void exampleProductionConfigLacksOnlyTheSecretsTheServiceSupplies(@TempDir Path dir) throws Exception {
    Result r = run("config", "check", "--config", EXAMPLE.toString(), "--data-dir", dir.toString());
    assertThat(r.code).as(r.err).isEqualTo(1);
    // every key known (an unknown one would be named instead), only the secrets missing
    assertThat(r.err).doesNotContain("unknown")
        .contains("infra.proxmoxTokenSecret", "infra.cloudflareToken", "infra.velocityToken",
            "servers.platformSecret", "monitoring.sdToken")
        .doesNotContain("infra.proxmoxUrl", "infra.cloudflareZoneId", "infra.velocityUrl");
  }

  @Test
  void completeConfigPassesAndPrintsNoSecret(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("sd-token"), "sd-token-value-123\n");
    Path file = Files.writeString(dir.resolve("zlh.yaml"), """
        infra:
          mode: proxmox
          proxmoxUrl: https://pve.test:8006/api2/json
          proxmoxTokenId: zlh@pve!control
          proxmoxTokenSecret: pve-secret-value-123
          cloudflareZoneId: zone
          cloudflareToken: cf-secret-value-123
          velocityUrl: http://edge.test:8090
          velocityToken: velocity-secret-value-123
        servers:
          platformSecret: platform-secret-value-0123456789abcdef
        monitoring:
          sdTokenFile: %s
        """.formatted(token));
    Result r = run("config", "check", "--config", file.toString(), "--data-dir", dir.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).startsWith("configuration ok: ")
        .doesNotContain("pve-secret-value-123", "cf-secret-value-123", "velocity-secret-value-123",
            "platform-secret-value-0123456789abcdef");
  }

  @Test
  void unreadableCredentialFileIsNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("zlh.yaml"), """
        monitoring:
          sdTokenFile: %s
        """.formatted(dir.resolve("absent")));
    Result r = run("config", "check", "--config", file.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains("monitoring.sdTokenFile").contains("absent");
  }

  @Test
  void configKeysListsEveryKeyWithItsVariableDefaultAndMeaning() {
    Result r = run("config", "keys");
    assertThat(r.code).as(r.err).isZero();
    List<String> lines = r.out.lines().toList();
    assertThat(lines).hasSize(ConfigKeys.all().size() + 1);
    assertThat(lines.get(0)).startsWith("KEY").contains("ENVIRONMENT VARIABLE", "DEFAULT", "MEANING");
    assertThat(lines).anySatisfy(line -> assertThat(line.split(" {2,}"))
        .containsExactly("http.port", "ZLH_HTTP_PORT", "8080", "TCP port of the API, /health/*, /metrics and /openapi.yaml; 0 picks a free port"));
    assertThat(lines).anySatisfy(line -> assertThat(line.split(" {2,}"))
        .startsWith("db.host", "ZLH_DB_HOST", "(empty)"));
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ZlhCommand.execute(out, err, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {}
}
