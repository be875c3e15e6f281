package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Configuration layers: defaults → file → ZLH_* environment → command line")
class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void withNothingGivenEveryKeyHasItsDefaultAndDatabaseAndRedisAreEmbedded(Vertx vertx) throws Exception {
    PlatformConfig config = load(vertx, null, Map.of(), null);
    assertThat(config).isEqualTo(PlatformConfig.defaults());
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().bodyLimitBytes()).isEqualTo(65_536);
    assertThat(config.data().dir()).isEqualTo("./data");
    assertThat(config.db().embedded()).isTrue();
    assertThat(config.redis().embedded()).isTrue();
    assertThat(config.roles()).isEqualTo(new RolesConfig(true, true, true, true));
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFileAndCommandLineOverridesEnvironment(Vertx vertx) throws Exception {
    Path file = write("node.yaml", "http:\n  port: 9000\n  host: 127.0.0.1\ndb:\n  host: db.internal\n  poolSize: 4\n"
        + "log:\n  json: false\n");
    Map<String, String> env = Map.of("ZLH_HTTP_PORT", "9100", "ZLH_DB_POOL_SIZE", "12", "ZLH_REDIS_URI", "redis://cache:6379/1",
        "ZLH_ROLES_PROXY", "false", "UNRELATED", "x");
    JsonObject cli = new JsonObject().put("http", new JsonObject().put("port", 9200));

    PlatformConfig config = load(vertx, file, env, cli);

    assertThat(config.http()).isEqualTo(HttpConfig.builder().port(9200).host("127.0.0.1").bodyLimitBytes(65_536).build());
    assertThat(config.db().host()).isEqualTo("db.internal");
    assertThat(config.db().poolSize()).isEqualTo(12);
    assertThat(config.db().embedded()).isFalse();
    assertThat(config.redis().uri()).isEqualTo("redis://cache:6379/1");
    assertThat(config.log().json()).isFalse();
    assertThat(config.roles()).isEqualTo(new RolesConfig(true, false, true, true));
  }

  @Test
  void jsonFileNamedByZlhConfigIsRead(Vertx vertx) throws Exception {
    Path file = write("node.json", "{\"infra\":{\"mode\":\"proxmox\"},\"data\":{\"dir\":\"/var/lib/zlh\"}}");
    PlatformConfig config = load(vertx, null, Map.of("ZLH_CONFIG", file.toString()), null);
    assertThat(config.infra().mode()).isEqualTo("proxmox");
    assertThat(config.data().dir()).isEqualTo("/var/lib/zlh");
  }

  @Test
  void misspeltKeyIsRefusedNamingIt(Vertx vertx) throws Exception {
    Path file = write("node.yaml", "http:\n  prot: 9000\n");
    assertThatThrownBy(() -> load(vertx, file, Map.of(), null))
        .hasRootCauseInstanceOf(ConfigException.class)
        .rootCause().hasMessageContaining("unknown configuration key 'http.prot'");
  }

  @Test
  void valueOfTheWrongTypeNamesTheKeyAndItsVariable(Vertx vertx) {
    assertThatThrownBy(() -> load(vertx, null, Map.of("ZLH_HTTP_PORT", "eighty"), null))
        .rootCause().isInstanceOf(ConfigException.class)
        .hasMessage("http.port (ZLH_HTTP_PORT) must be an integer, got 'eighty'");
    assertThatThrownBy(() -> load(vertx, null, Map.of("ZLH_INFRA_MODE", "cloud"), null))
        .rootCause().hasMessageContaining("infra.mode (ZLH_INFRA_MODE) must be simulated or proxmox");
  }

  @Test
  void missingConfigurationFileIsAnError(Vertx vertx) {
    assertThatThrownBy(() -> load(vertx, dir.resolve("absent.yaml"), Map.of(), null))
        .rootCause().hasMessageContaining("absent.yaml does not exist");
  }

  @Test
  void passwordsNeverAppearWhenTheConfigurationIsPrinted(Vertx vertx) throws Exception {
    Map<String, String> env = Map.of("ZLH_DB_HOST", "db", "ZLH_DB_PASSWORD", "s3cr3t-pw",
        "ZLH_REDIS_URI", "redis://default:r3dis-pw@cache:6379/0");
    PlatformConfig config = load(vertx, null, env, null);
    assertThat(config.db().password()).isEqualTo("s3cr3t-pw");
    assertThat(config.toString()).doesNotContain("s3cr3t-pw").doesNotContain("r3dis-pw").contains("password=***", "redis://***@cache");
  }

  @Test
  void environmentVariableNamesFollowSectionAndKey() {
    assertThat(ConfigKeys.envName("http", "bodyLimitBytes")).isEqualTo("ZLH_HTTP_BODY_LIMIT_BYTES");
    assertThat(ConfigKeys.envName("db", "poolSize")).isEqualTo("ZLH_DB_POOL_SIZE");
    assertThat(ConfigKeys.envName("redis", "uri")).isEqualTo("ZLH_REDIS_URI");
  }

  private PlatformConfig load(Vertx vertx, Path file, Map<String, String> env, JsonObject cli) throws Exception {
    try {
      return ConfigLoader.load(vertx, file, env, cli).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("configuration failed", e.getCause());
    }
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }
}
