package com.zerolaghub.proxy.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class UpstreamHeadersTest {

  @Test
  void untrustedForwardedHeadersAreReplaced() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("X-Forwarded-For", "6.6.6.6").add("X-Forwarded-Host", "evil").add("Forwarded", "for=6.6.6.6")
        .add("Authorization", "Bearer x").add("Proxy-Authorization", "Basic y");

    UpstreamHeaders.prepareRequest(headers, new UpstreamHeaders.Client("10.0.0.9", "http", "dev-1.d.test:8443", false));

    assertThat(headers.get("X-Forwarded-For")).isEqualTo("10.0.0.9");
    assertThat(headers.get("X-Forwarded-Host")).isEqualTo("dev-1.d.test:8443");
    assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(headers.contains("Forwarded")).isFalse();
    assertThat(headers.contains("Authorization")).isFalse();
    assertThat(headers.contains("Proxy-Authorization")).isFalse();
  }

  @Test
  void behindATrustedBalancerTheChainIsExtended() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("X-Forwarded-For", "203.0.113.7").add("X-Forwarded-Proto", "https").add("X-Forwarded-Host", "dev-1.d.test");

    UpstreamHeaders.prepareRequest(headers, new UpstreamHeaders.Client("10.0.0.2", "http", "dev-1.d.test", true));

    assertThat(headers.get("X-Forwarded-For")).isEqualTo("203.0.113.7, 10.0.0.2");
    assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(headers.get("X-Forwarded-Host")).isEqualTo("dev-1.d.test");
  }

  @Test
  void multipleCookieHeadersAreEachStripped() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Cookie", "zlh_session=s").add("Cookie", "a=1; zlh_csrf=c");

    UpstreamHeaders.prepareRequest(headers, new UpstreamHeaders.Client("1.2.3.4", "http", "h", false));

    assertThat(headers.getAll("Cookie")).containsExactly("a=1");
  }

  @Test
  void responsesLoseHopByHopHeadersAndPlatformCookies() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Connection", "close").add("Keep-Alive", "timeout=5")
        .add("Set-Cookie", "zlh_ide_session=x; Path=/").add("Set-Cookie", "vscode=1").add("Content-Type", "text/html");

    UpstreamHeaders.prepareResponse(headers);

    assertThat(headers.names()).containsExactlyInAnyOrder("Set-Cookie", "Content-Type");
    assertThat(headers.getAll("Set-Cookie")).containsExactly("vscode=1");
  }

  @Test
  void theOnePassRequestCopyStripsCredentialsHopByHopAndForgedForwardedHeaders() {
    MultiMap incoming = MultiMap.caseInsensitiveMultiMap()
        .add("Host", "dev-1.d.test:8443").add("Connection", "keep-alive").add("Keep-Alive", "timeout=5")
        .add("Transfer-Encoding", "chunked").add("TE", "trailers").add("Upgrade", "h2c")
        .add("authorization", "Bearer x").add("Proxy-Authorization", "Basic y")
        .add("X-Forwarded-For", "6.6.6.6").add("x-forwarded-host", "evil").add("Forwarded", "for=6.6.6.6")
        .add("Cookie", "zlh_session=s").add("Cookie", "a=1; __Host-zlh_ide_session=i; ZLH_csrf=c; b=2")
        .add("Accept", "text/html").add("Content-Length", "3");
    MultiMap upstream = MultiMap.caseInsensitiveMultiMap();

    UpstreamHeaders.copyRequest(incoming, upstream, new UpstreamHeaders.Client("10.0.0.9", "http", "dev-1.d.test:8443", false));

    assertThat(upstream.names()).containsExactlyInAnyOrder("Cookie", "Accept", "Content-Length",
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");
    assertThat(upstream.getAll("Cookie")).containsExactly("a=1; b=2");
    assertThat(upstream.get("X-Forwarded-For")).isEqualTo("10.0.0.9");
    assertThat(upstream.get("X-Forwarded-Host")).isEqualTo("dev-1.d.test:8443");
    assertThat(upstream.get("X-Forwarded-Proto")).isEqualTo("http");
  }

  @Test
  void theOnePassRequestCopyExtendsATrustedBalancersChain() {
    MultiMap incoming = MultiMap.caseInsensitiveMultiMap()
        .add("X-Forwarded-For", "203.0.113.7").add("X-Forwarded-For", "198.51.100.1")
        .add("X-Forwarded-Proto", "https").add("X-Forwarded-Host", "dev-1.d.test");
    MultiMap upstream = MultiMap.caseInsensitiveMultiMap();

    UpstreamHeaders.copyRequest(incoming, upstream, new UpstreamHeaders.Client("10.0.0.2", "http", "other", true));

    assertThat(upstream.getAll("X-Forwarded-For")).containsExactly("203.0.113.7, 198.51.100.1, 10.0.0.2");
    assertThat(upstream.get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(upstream.get("X-Forwarded-Host")).isEqualTo("dev-1.d.test");
  }

  @Test
  void theOnePassResponseCopyDropsHopByHopFramingAndPlatformOrDomainCookies() {
    MultiMap answer = MultiMap.caseInsensitiveMultiMap()
        .add("Connection", "close").add("Keep-Alive", "timeout=5").add("Transfer-Encoding", "chunked")
        .add("Set-Cookie", "zlh_ide_session=x; Path=/").add("set-cookie", "=zlh_session=x")
        .add("Set-Cookie", "a=1; Domain=d.test").add("Set-Cookie", "vscode=1").add("Content-Type", "text/html");
    MultiMap front = MultiMap.caseInsensitiveMultiMap();

    UpstreamHeaders.copyResponse(answer, front);

    assertThat(front.names()).containsExactlyInAnyOrder("Set-Cookie", "Content-Type");
    assertThat(front.getAll("Set-Cookie")).containsExactly("vscode=1");
  }

  @Test
  void httpsIsDirectTlsOrTheFirstForwardedProto() {
    assertThat(UpstreamHeaders.isHttps(true, null)).isTrue();
    assertThat(UpstreamHeaders.isHttps(false, "HTTPS, http")).isTrue();
    assertThat(UpstreamHeaders.isHttps(false, "http")).isFalse();
    assertThat(UpstreamHeaders.isHttps(false, null)).isFalse();
  }
}
