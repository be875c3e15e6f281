package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingConfigTest {
  @Test
  void dunningDurationsAndSecretsComeFromTheEnvironment() {
    JsonObject env = ConfigKeys.fromEnvironment(Map.of("ZLH_BILLING_WARNING", "P1D", "ZLH_BILLING_FINAL_WARNING", "PT12H",
        "ZLH_BILLING_WEBHOOK_SECRET", "whsec_live", "ZLH_BILLING_WEBHOOK_TOLERANCE_SECONDS", "120"));
    BillingConfig billing = PlatformConfig.fromJson(env).billing();
    assertThat(billing.warning()).isEqualTo(Duration.ofDays(1));
    assertThat(billing.finalWarning()).isEqualTo(Duration.ofHours(12));
    assertThat(billing.webhookToleranceSeconds()).isEqualTo(120);
    assertThat(billing.webhookSecret()).isEqualTo("whsec_live");
    assertThat(billing.toString()).doesNotContain("whsec_live");
  }

  @Test
  void aDurationThatIsNotIso8601NamesItsKeyAndVariable() {
    JsonObject json = new JsonObject().put("billing", new JsonObject().put("warning", "3 days"));
    assertThatThrownBy(() -> PlatformConfig.fromJson(json)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("billing.warning (ZLH_BILLING_WARNING)");
  }
}
