package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.ide.IdeGrants;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.time.Duration;

/**
 * The IDE cookie a dev host sets after a token exchange: host-only (no {@code Domain}, so
 * {@code dev-1}'s cookie is never sent to {@code dev-2}), {@code HttpOnly}, {@code SameSite=Lax}
 * ({@code Strict} would drop it on the redirect that follows a cross-site navigation from the
 * portal), {@code Secure} when the client came over TLS. Its value is an opaque random id; the
 * grant it stands for lives in {@link IdeGrants}. Over TLS it is named {@code __Host-zlh_ide_session}:
 * a page on a sibling dev host can then not plant one of that name for the whole domain, and
 * the plain name is not read at all.
 */
final class IdeCookie {
  static final String NAME = "zlh_ide_session";
  static final String HOST_NAME = "__Host-" + NAME;

  private IdeCookie() {}

  /** The name to set and to read: {@link #HOST_NAME} when the browser came over TLS. */
  static String name(boolean secure) {
    return secure ? HOST_NAME : NAME;
  }

  static String setCookieHeader(String value, Duration ttl, boolean secure) {
    return Cookie.cookie(name(secure), value)
        .setPath("/")
        .setMaxAge(ttl.toSeconds())
        .setHttpOnly(true)
        .setSecure(secure)
        .setSameSite(CookieSameSite.LAX)
        .encode();
  }
}
