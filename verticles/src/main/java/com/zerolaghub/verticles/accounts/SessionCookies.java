package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.proxy.PlatformCookies;
import com.zerolaghub.proxy.SessionCookie;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The browser's side of a session: the session cookie (HttpOnly, the token) and the CSRF
 * cookie (readable by the portal's scripts, echoed in {@code X-CSRF-Token}). The CSRF value is
 * derived from the session token, so a cookie planted from a sibling subdomain cannot pair with
 * a real session: only a page that can read our cookie can send the right header.
 *
 * <p>Served over TLS ({@code http.publicUrl} https) they are {@code __Host-zlh_session} and
 * {@code __Host-zlh_csrf}: browsers then refuse the name from any other host (a customer's
 * {@code dev-<vmid>} page included) and without {@code Secure}. Over plain HTTP they keep
 * their plain names, {@link #SESSION} and {@link #CSRF}.
 */
final class SessionCookies {
  static final String SESSION = PlatformCookies.SESSION;
  static final String CSRF = PlatformCookies.CSRF;
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final boolean alwaysSecure;
  private final String sessionName;
  private final String csrfName;

  /**
   * @param alwaysSecure mark cookies Secure even on plain-HTTP requests (TLS ends at a proxy, or https public URL)
   * @param session the session cookie; a {@code __Host-} one brings the {@code __Host-} CSRF cookie with it
   */
  SessionCookies(boolean alwaysSecure, SessionCookie session) {
    boolean hostPrefixed = session.name().startsWith(PlatformCookies.HOST_PREFIX);
    this.alwaysSecure = alwaysSecure || hostPrefixed; // a __Host- cookie without Secure is dropped by browsers
    this.sessionName = session.name();
    this.csrfName = PlatformCookies.csrfName(hostPrefixed);
  }

  /** The CSRF token that belongs to a session token; one-way, so it reveals nothing of the session. */
  static String csrfFor(String sessionToken) {
    return SecretTokens.sha256("zlh-csrf:" + sessionToken);
  }

  /** The name of the CSRF cookie the portal reads. */
  String csrfName() {
    return csrfName;
  }

  void set(RoutingContext ctx, String sessionToken, Duration ttl) {
    boolean secure = secure(ctx);
    ctx.response().addCookie(cookie(sessionName, sessionToken, ttl.toSeconds(), secure).setHttpOnly(true));
    ctx.response().addCookie(cookie(csrfName, csrfFor(sessionToken), ttl.toSeconds(), secure).setHttpOnly(false));
  }

  void clear(RoutingContext ctx) {
    boolean secure = secure(ctx);
    ctx.response().addCookie(cookie(sessionName, "", 0, secure).setHttpOnly(true));
    ctx.response().addCookie(cookie(csrfName, "", 0, secure).setHttpOnly(false));
  }

  private boolean secure(RoutingContext ctx) {
    return alwaysSecure || ctx.request().isSSL();
  }

  private static Cookie cookie(String name, String value, long maxAgeSeconds, boolean secure) {
    return Cookie.cookie(name, value).setPath("/").setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds).setSecure(secure);
  }
}
