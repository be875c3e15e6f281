package com.zerolaghub.proxy.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerSetCookiesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "zlh_session=x; Path=/",
      "=zlh_session=x",                  // nameless: the browser sends back "zlh_session=x"
      "= zlh_session=x; Path=/",
      "zlh_session",                     // no '=': nameless too, value "zlh_session"
      "=\"zlh_session=x\"",
      "\"zlh_session\"=x",
      "ZLH_session=x",
      " zlh_session =x",
      "zlh_csrf=x",
      "zlh_ide_session=x; HttpOnly",
      "zlh_anything=x",
      "__Host-zlh_session=x; Secure; Path=/",
      "=__Host-zlh_session=x",
      "__Secure-zlh_session=x; Secure",
      "foo=1; Domain=example.test",
      "foo=1; domain=.dev.example",
      "foo=1; Path=/;  DOMAIN =dev-2.dev.example",
      "foo=1; Domain=",
      "foo=1\u0000; Path=/",
      "foo=1\r\nSet-Cookie: zlh_session=x",
  })
  void aCookieThatCouldPassForOursOrReachOtherHostsIsDropped(String setCookie) {
    assertThat(ContainerSetCookies.mayPass(setCookie)).as(setCookie).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "vscode-tkn=abc; Path=/; HttpOnly; SameSite=Lax",
      "code-server-session=s; Path=/; Max-Age=3600",
      "theme=dark",
      "xzlh_session=1",
      "zlhsession=1",
      "foo=zlh_session; Path=/",          // a value that merely mentions our name comes back as foo=...
      "__Host-theirs=1; Secure; Path=/",
  })
  void aHostOnlyCookieOfTheirOwnPasses(String setCookie) {
    assertThat(ContainerSetCookies.mayPass(setCookie)).as(setCookie).isTrue();
  }
}
