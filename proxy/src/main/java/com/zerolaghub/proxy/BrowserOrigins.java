package com.zerolaghub.proxy;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The browser origins allowed to use the platform's session cookie on a WebSocket (the portal's
 * own, {@code http.publicUrl}, and any listed in {@code http.allowedOrigins}). Browsers attach
 * our cookie to a WebSocket handshake from any page of the same site, a customer's
 * {@code dev-<vmid>} page included, and the handshake has no CSRF header: {@code Origin} is
 * the only thing that tells the portal from an attacker.
 *
 * <p>A request that authenticates with a bearer token, or carries no session cookie at all (its
 * authentication refuses it anyway), is not concerned. One with a session cookie must name an
 * allowed {@code Origin}; without one it is refused too: browsers always send it on WebSockets.
 */
public final class BrowserOrigins {
  private static final String BEARER = "bearer ";

  private final Set<String> allowed;
  private final SessionCookie cookie;

  /** @param allowed origins ({@code scheme://host[:port]}) or URLs whose origin is meant */
  public BrowserOrigins(Collection<String> allowed, SessionCookie cookie) {
    this.allowed = allowed.stream().map(BrowserOrigins::originOf).collect(Collectors.toUnmodifiableSet());
    this.cookie = Objects.requireNonNull(cookie, "cookie");
  }

  /** The allowed origins, normalized. */
  public Set<String> allowed() {
    return allowed;
  }

  /** Whether {@code request} may go on to authentication and the upgrade. */
  public boolean admit(HttpServerRequest request) {
    if (bearerAuthenticated(request) || !cookie.presentIn(request)) {
      return true;
    }
    return allows(request.getHeader("Origin"));
  }

  /** Whether an {@code Origin} header value is one of the allowed origins ({@code null} and "null" are not). */
  public boolean allows(String origin) {
    if (origin == null || origin.isBlank() || origin.equals("null")) {
      return false;
    }
    try {
      return allowed.contains(originOf(origin));
    } catch (IllegalArgumentException notAnOrigin) {
      return false;
    }
  }

  /**
   * The origin of an http(s) URL as browsers serialize it: scheme and host in lower case, the
   * port only when it is not the scheme's default, no path.
   *
   * @throws IllegalArgumentException when {@code url} is not an http(s) URL with a host
   */
  public static String originOf(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an origin: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) origin: " + url);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** As both authentications read it: a bearer header with something after the scheme wins over any cookie. */
  private static boolean bearerAuthenticated(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.length() > BEARER.length()
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
  }
}
