package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration sections are changed by naming keys: config.with(c -> c.http(h -> h.port(0)))")
class SectionsByNameTest {

  @Test
  void changingOneKeyLeavesEveryOtherKeyAsItWas() {
    PlatformConfig changed = PlatformConfig.defaults().with(c -> c.servers(s -> s.workerConcurrency(4)));

    JsonObject expected = PlatformConfig.defaults().toJson();
    expected.getJsonObject("servers").put("workerConcurrency", 4);
    assertThat(changed.toJson()).isEqualTo(expected);
  }

  @Test
  void everySectionRebuiltFromItsBuilderIsUnchanged() {
    PlatformConfig loaded = PlatformConfig.fromJson(new JsonObject()
        .put("http", new JsonObject().put("port", 9100).put("publicUrl", "https://portal.example.com"))
        .put("infra", new JsonObject().put("mode", "proxmox").put("cloneMode", "full").put("simCodeServer", "off"))
        .put("billing", new JsonObject().put("warning", "P1D").put("auditKeyId", "k2")));

    PlatformConfig rebuilt = loaded.with(c -> c.http(h -> {}).db(d -> {}).redis(r -> {}).infra(i -> {}).roles(r -> {})
        .auth(a -> {}).mail(m -> {}).billing(b -> {}).monitoring(m -> {}).servers(s -> {}).proxy(p -> {})
        .support(s -> {}).controller(k -> {}));

    assertThat(rebuilt).isEqualTo(loaded);
    assertThat(rebuilt.infra().placement()).isEqualTo(loaded.infra().placement().toBuilder().build());
  }

  @Test
  void aKeySetByNameIsCheckedAsTheSameKeyFromAFileIs() {
    assertThatThrownBy(() -> PlatformConfig.defaults().with(c -> c.http(h -> h.port(70_000))))
        .isInstanceOf(ConfigException.class).hasMessage("http.port must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> InfraConfig.builder().mode("vmware").build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("infra.mode (ZLH_INFRA_MODE) must be simulated or proxmox");
  }
}
