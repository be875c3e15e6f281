package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.SecretTokens;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The browser's side of a session: {@code zlh_session} (HttpOnly, the token) and
 * {@code zlh_csrf} (readable by the portal's scripts, echoed in {@code X-CSRF-Token}). The CSRF
 * value is derived from the session token, so a cookie planted from a sibling subdomain cannot
 * pair with a real session: only a page that can read our cookie can send the right header.
 */
final class SessionCookies {
  static final String SESSION = "zlh_session";
  static final String CSRF = "zlh_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final boolean alwaysSecure;

  /** @param alwaysSecure mark cookies Secure even on plain-HTTP requests (TLS ends at a proxy, or https public URL) */
  SessionCookies(boolean alwaysSecure) {
    this.alwaysSecure = alwaysSecure;
  }

  /** The CSRF token that belongs to a session token; one-way, so it reveals nothing of the session. */
  static String csrfFor(String sessionToken) {
    return SecretTokens.sha256("zlh-csrf:" + sessionToken);
  }

  void set(RoutingContext ctx, String sessionToken, Duration ttl) {
    boolean secure = secure(ctx);
    ctx.response().addCookie(cookie(SESSION, sessionToken, ttl.toSeconds(), secure).setHttpOnly(true));
    ctx.response().addCookie(cookie(CSRF, csrfFor(sessionToken), ttl.toSeconds(), secure).setHttpOnly(false));
  }

  void clear(RoutingContext ctx) {
    boolean secure = secure(ctx);
    ctx.response().addCookie(cookie(SESSION, "", 0, secure).setHttpOnly(true));
    ctx.response().addCookie(cookie(CSRF, "", 0, secure).setHttpOnly(false));
  }

  private boolean secure(RoutingContext ctx) {
    return alwaysSecure || ctx.request().isSSL();
  }

  private static Cookie cookie(String name, String value, long maxAgeSeconds, boolean secure) {
    return Cookie.cookie(name, value).setPath("/").setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds).setSecure(secure);
  }
}
