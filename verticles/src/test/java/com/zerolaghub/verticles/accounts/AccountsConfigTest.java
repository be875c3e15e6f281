package com.zerolaghub.verticles.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.verticles.config.ConfigException;
import com.zerolaghub.verticles.config.ConfigLoader;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("auth, mail and the new http keys load from the environment and are checked")
class AccountsConfigTest {

  @Test
  void defaultsAreProductionValues() {
    PlatformConfig d = PlatformConfig.defaults();
    assertThat(d.auth().bcryptCost()).isEqualTo(11);
    assertThat(d.auth().sessionTtlHours()).isEqualTo(168);
    assertThat(d.auth().resetTtlMinutes()).isEqualTo(30);
    assertThat(d.mail().enabled()).isFalse();
    assertThat(d.http().trustForwardedFor()).isFalse();
  }

  @Test
  void environmentSetsThemAndTheMailPasswordIsNeverShown(Vertx vertx) throws Exception {
    PlatformConfig c = load(vertx, Map.of("ZLH_AUTH_BCRYPT_COST", "12", "ZLH_AUTH_LOGIN_PER_IP", "7", "ZLH_MAIL_HOST", "smtp.example.com",
        "ZLH_MAIL_PASSWORD", "smtp-secret", "ZLH_HTTP_PUBLIC_URL", "https://portal.example.com/", "ZLH_HTTP_TRUST_FORWARDED_FOR", "true"));
    assertThat(c.auth().bcryptCost()).isEqualTo(12);
    assertThat(c.auth().loginPerIp()).isEqualTo(7);
    assertThat(c.mail().host()).isEqualTo("smtp.example.com");
    assertThat(c.http().publicUrl()).isEqualTo("https://portal.example.com");
    assertThat(c.http().publicTls()).isTrue();
    assertThat(c.http().trustForwardedFor()).isTrue();
    assertThat(c.toString()).doesNotContain("smtp-secret").contains("password=***");
  }

  @Test
  void valuesOutOfRangeAreRefusedNamingTheKey(Vertx vertx) {
    assertThatThrownBy(() -> load(vertx, Map.of("ZLH_AUTH_BCRYPT_COST", "3"))).rootCause()
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.bcryptCost");
    assertThatThrownBy(() -> load(vertx, Map.of("ZLH_MAIL_TLS", "ssl"))).rootCause().hasMessageContaining("mail.tls (ZLH_MAIL_TLS)");
    assertThatThrownBy(() -> load(vertx, Map.of("ZLH_HTTP_PUBLIC_URL", "portal.example.com"))).rootCause()
        .hasMessageContaining("http.publicUrl");
    assertThatThrownBy(() -> load(vertx, Map.of("ZLH_AUTH_RESET_PER_EMAIL", "0"))).rootCause().hasMessageContaining("auth.resetPerEmail");
  }

  private static PlatformConfig load(Vertx vertx, Map<String, String> env) throws Exception {
    return ConfigLoader.load(vertx, null, env, null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
