package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedOriginsConfigTest {

  @Test
  void theBrowserOriginsArePublicUrlsOriginThenTheListedOnesNormalized() {
    HttpConfig http = HttpConfig.defaults().withPublicUrl("https://Panel.Example.com:443/portal")
        .withAllowedOrigins(" https://admin.example.com , http://localhost:3000,");

    assertThat(http.browserOrigins())
        .containsExactly("https://panel.example.com", "https://admin.example.com", "http://localhost:3000");
  }

  @Test
  void byDefaultOnlyThePublicUrlsOriginIsAllowedByEachOfItsLoopbackNames() {
    assertThat(HttpConfig.defaults().browserOrigins())
        .containsExactly("http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080");
    assertThat(HttpConfig.defaults().withPublicUrl("http://panel.example.com").browserOrigins())
        .containsExactly("http://panel.example.com");
  }

  @Test
  void anEntryThatIsNotAnOriginIsRefusedNamingTheKey() {
    for (String wrong : new String[] {"https://panel.example.com/path", "panel.example.com", "ftp://x.example", "*"}) {
      assertThatThrownBy(() -> HttpConfig.defaults().withAllowedOrigins(wrong)).as(wrong)
          .isInstanceOf(ConfigException.class).hasMessageContaining("http.allowedOrigins").hasMessageContaining("ZLH_HTTP_ALLOWED_ORIGINS");
    }
  }

  @Test
  void theSessionCookieIsHostPrefixedOnlyOverHttps() {
    assertThat(HttpConfig.defaults().sessionCookie().name()).isEqualTo("zlh_session");
    assertThat(HttpConfig.defaults().withPublicUrl("https://panel.example.com").sessionCookie().name())
        .isEqualTo("__Host-zlh_session");
  }
}
