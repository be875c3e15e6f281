package com.zerolaghub.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
  void lookalikesAreNotPlatformCookiesButTheWholePrefixIsReserved() {
    assertThat(PlatformCookies.strip("xzlh_session=2; zlhsession=3; zlh_sessions=1; __Host-zlh_session=4; ZLH_x=5"))
        .isEqualTo("xzlh_session=2; zlhsession=3");
  }

  @Test
  void everyValueOfACookieIsFoundInOrderAcrossHeaders() {
    assertThat(PlatformCookies.valuesOf(List.of("a=1; zlh_session=one;zlh_session=\"two\"", " zlh_session = three"),
        "zlh_session")).containsExactly("one", "two", "three");
    assertThat(PlatformCookies.valuesOf(List.of("zlh_sessionx=1; \"zlh_session\"=2; =zlh_session"), "zlh_session"))
        .isEmpty();
  }

  @Test
  void theFirstValueOfACookieIsReadAsADecoderWould() {
    assertThat(PlatformCookies.firstValueOf(List.of("a=1; zlh_ide_session=\"one\"; zlh_ide_session=two"),
        "zlh_ide_session")).isEqualTo("one");
    assertThat(PlatformCookies.firstValueOf(List.of("a=1", "b=2;  __Host-zlh_ide_session = x ;c=3"),
        "__Host-zlh_ide_session")).isEqualTo("x");
    assertThat(PlatformCookies.firstValueOf(List.of("__Host-zlh_ide_session=x; zlh_ide_sessionx=y; =zlh_ide_session"),
        "zlh_ide_session")).isNull();
    assertThat(PlatformCookies.firstValueOf(List.of("zlh_ide_session="), "zlh_ide_session")).isEmpty();
  }

  @Test
  void theTlsNamesCarryTheHostPrefix() {
    assertThat(PlatformCookies.sessionName(true)).isEqualTo("__Host-zlh_session");
    assertThat(PlatformCookies.csrfName(true)).isEqualTo("__Host-zlh_csrf");
    assertThat(PlatformCookies.sessionName(false)).isEqualTo("zlh_session");
  }
}
