package com.zerolaghub.proxy.impl;

import com.zerolaghub.proxy.PlatformCookies;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

  /** Request headers never copied upstream: hop-by-hop, credentials, {@code Host} (set apart) and the framing. */
  private static final Set<String> NOT_COPIED_UP = caseless("host", "connection", "keep-alive", "proxy-connection", "te",
      "trailer", "upgrade", "transfer-encoding", "authorization", "proxy-authorization", "forwarded",
      X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST, "cookie");
  /** Response headers never copied down: hop-by-hop and the framing (the server frames its own answer). */
  private static final Set<String> NOT_COPIED_DOWN = caseless("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "proxy-connection", "te", "trailer", "upgrade", "transfer-encoding", "set-cookie");

  private UpstreamHeaders() {}

  /**
   * Copies a request's headers for the upstream in one pass, with {@link #prepareRequest}'s rules:
   * no {@code Authorization}, no platform cookie, {@code X-Forwarded-*} set (or extended behind a
   * trusted balancer), plus no hop-by-hop header, {@code Host} or {@code Transfer-Encoding} (the
   * caller sets the authority and the framing).
   */
  public static void copyRequest(MultiMap from, MultiMap to, Client client) {
    String priorFor = null;
    String priorProto = null;
    String priorHost = null;
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (!NOT_COPIED_UP.contains(name)) {
        to.add(name, header.getValue());
      } else if (name.equalsIgnoreCase("Cookie")) {
        String kept = PlatformCookies.strip(header.getValue());
        if (kept != null) {
          to.add("Cookie", kept);
        }
      } else if (client.trustIncoming()) {
        if (name.equalsIgnoreCase(X_FORWARDED_FOR)) {
          priorFor = priorFor == null ? header.getValue() : priorFor + ", " + header.getValue();
        } else if (name.equalsIgnoreCase(X_FORWARDED_PROTO) && priorProto == null) {
          priorProto = header.getValue();
        } else if (name.equalsIgnoreCase(X_FORWARDED_HOST) && priorHost == null) {
          priorHost = header.getValue();
        }
      }
    }
    to.add(X_FORWARDED_FOR, priorFor == null ? client.clientAddress() : priorFor + ", " + client.clientAddress());
    to.add(X_FORWARDED_PROTO, priorProto != null ? priorProto : client.proto());
    to.add(X_FORWARDED_HOST, priorHost != null ? priorHost : client.host());
  }

  /**
   * Copies an upstream answer's headers for the client in one pass, with {@link #prepareResponse}'s
   * rules, and without {@code Transfer-Encoding} (the server frames its own answer).
   */
  public static void copyResponse(MultiMap from, MultiMap to) {
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (!NOT_COPIED_DOWN.contains(name)) {
        to.add(name, header.getValue());
      } else if (name.equalsIgnoreCase("Set-Cookie") && ContainerSetCookies.mayPass(header.getValue())) {
        to.add(name, header.getValue());
      }
    }
  }

  private static Set<String> caseless(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(List.of(names));
    return set;
  }

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
