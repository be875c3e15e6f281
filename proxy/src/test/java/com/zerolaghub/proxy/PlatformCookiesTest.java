package com.zerolaghub.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformCookiesTest {

  @Test
  void stripsEveryPlatformCookieAndKeepsTheRestInOrder() {
    assertThat(PlatformCookies.strip("a=1; zlh_session=s; b=2;zlh_csrf=c; zlh_ide_session=i; zlh_ide_x=y; c"))
        .isEqualTo("a=1; b=2; c");
  }

  @Test
  void nothingLeftIsNull() {
    assertThat(PlatformCookies.strip("zlh_session=s; zlh_ide_session=i")).isNull();
    assertThat(PlatformCookies.strip(" ; ")).isNull();
  }

  @Test
  void lookalikesAreNotPlatformCookies() {
    assertThat(PlatformCookies.strip("zlh_sessions=1; xzlh_session=2; zlh_id=3")).isEqualTo("zlh_sessions=1; xzlh_session=2; zlh_id=3");
  }

  @Test
  void theNameASetCookieSets() {
    assertThat(PlatformCookies.nameSetBy("zlh_session=x; Path=/")).isEqualTo("zlh_session");
  }
}
