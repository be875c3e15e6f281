package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedOriginsConfigTest {

  @Test
  void theBrowserOriginsArePublicUrlsOriginThenTheListedOnesNormalized() {
    HttpConfig http = HttpConfig.builder().publicUrl("https://Panel.Example.com:443/portal")
        .allowedOrigins(" https://admin.example.com , http://localhost:3000,").build();

    assertThat(http.browserOrigins())
        .containsExactly("https://panel.example.com", "https://admin.example.com", "http://localhost:3000");
  }

  @Test
  void byDefaultOnlyThePublicUrlsOriginIsAllowedByEachOfItsLoopbackNames() {
    assertThat(HttpConfig.defaults().browserOrigins())
        .containsExactly("http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080");
    assertThat(HttpConfig.builder().publicUrl("http://panel.example.com").build().browserOrigins())
        .containsExactly("http://panel.example.com");
  }

  @Test
  void anEntryThatIsNotAnOriginIsRefusedNamingTheKey() {
    for (String wrong : new String[] {"https://panel.example.com/path", "panel.example.com", "ftp://x.example", "*"}) {
      assertThatThrownBy(() -> HttpConfig.builder().allowedOrigins(wrong).build()).as(wrong)
          .isInstanceOf(ConfigException.class).hasMessageContaining("http.allowedOrigins").hasMessageContaining("ZLH_HTTP_ALLOWED_ORIGINS");
    }
  }

  @Test
  void theSessionCookieIsHostPrefixedOnlyOverHttps() {
    assertThat(HttpConfig.defaults().sessionCookie().name()).isEqualTo("zlh_session");
    assertThat(HttpConfig.builder().publicUrl("https://panel.example.com").build().sessionCookie().name())
        .isEqualTo("__Host-zlh_session");
  }
}
