package com.zerolaghub.proxy;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites a request's headers for the upstream: platform credentials out, {@code X-Forwarded-*}
 * in. Response headers get the mirror treatment (no platform cookie, nor any cookie for other
 * hosts, may be set through us).
 */
public final class UpstreamHeaders {
  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  static final String X_FORWARDED_HOST = "X-Forwarded-Host";
  private static final List<String> HOP_BY_HOP =
      List.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade");

  private UpstreamHeaders() {}

  /**
   * What the proxy knows about the client side of one request.
   *
   * @param clientAddress the peer's IP address
   * @param proto {@code http} or {@code https} as the client reached us
   * @param host the {@code Host} the client sent (with its port, if any)
   * @param trustIncoming whether a trusted load balancer sits in front of us: then its
   *     {@code X-Forwarded-*} are kept and extended instead of replaced
   */
  public record Client(String clientAddress, String proto, String host, boolean trustIncoming) {}

  /** Strips {@code Authorization} and platform cookies, sets {@code X-Forwarded-*}. */
  public static void prepareRequest(MultiMap headers, Client client) {
    headers.remove("Authorization");
    headers.remove("Proxy-Authorization");
    List<String> cookies = headers.getAll("Cookie");
    if (!cookies.isEmpty()) {
      headers.remove("Cookie");
      for (String cookie : cookies) {
        String kept = PlatformCookies.strip(cookie);
        if (kept != null) {
          headers.add("Cookie", kept);
        }
      }
    }
    String priorFor = joined(headers.getAll(X_FORWARDED_FOR));
    String priorProto = headers.get(X_FORWARDED_PROTO);
    String priorHost = headers.get(X_FORWARDED_HOST);
    headers.remove(X_FORWARDED_FOR).remove(X_FORWARDED_PROTO).remove(X_FORWARDED_HOST).remove("Forwarded");
    if (client.trustIncoming()) {
      headers.set(X_FORWARDED_FOR, priorFor == null ? client.clientAddress() : priorFor + ", " + client.clientAddress());
      headers.set(X_FORWARDED_PROTO, priorProto != null ? priorProto : client.proto());
      headers.set(X_FORWARDED_HOST, priorHost != null ? priorHost : client.host());
    } else {
      headers.set(X_FORWARDED_FOR, client.clientAddress());
      headers.set(X_FORWARDED_PROTO, client.proto());
      headers.set(X_FORWARDED_HOST, client.host());
    }
  }

  /**
   * Drops hop-by-hop headers and every {@code Set-Cookie} that is not host-only or could pass
   * for a platform cookie (see {@link ContainerSetCookies}).
   */
  public static void prepareResponse(MultiMap headers) {
    for (String hop : HOP_BY_HOP) {
      headers.remove(hop);
    }
    List<String> setCookies = headers.getAll("Set-Cookie");
    if (!setCookies.stream().allMatch(ContainerSetCookies::mayPass)) {
      headers.remove("Set-Cookie");
      for (String c : setCookies) {
        if (ContainerSetCookies.mayPass(c)) {
          headers.add("Set-Cookie", c);
        }
      }
    }
  }

  /** Whether the client reached us over TLS, directly or (per the load balancer) in front of us. */
  public static boolean isHttps(boolean directTls, String forwardedProto) {
    return directTls || (forwardedProto != null
        && forwardedProto.split(",")[0].trim().toLowerCase(Locale.ROOT).equals("https"));
  }

  private static String joined(List<String> values) {
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
