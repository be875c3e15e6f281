package com.zerolaghub.proxy;

import java.util.StringJoiner;

/**
 * The platform's own cookies, which are credentials for the API or the proxy and must never
 * reach a customer's container: {@code zlh_session}, {@code zlh_csrf} and every
 * {@code zlh_ide_*}.
 */
public final class PlatformCookies {
  public static final String SESSION = "zlh_session";
  public static final String CSRF = "zlh_csrf";
  public static final String IDE_PREFIX = "zlh_ide_";

  private PlatformCookies() {}

  public static boolean isPlatformCookie(String name) {
    return name.equals(SESSION) || name.equals(CSRF) || name.startsWith(IDE_PREFIX);
  }

  /**
   * A {@code Cookie} header value without the platform's cookies, or null when nothing is
   * left. Pairs are kept byte for byte, in order.
   */
  public static String strip(String cookieHeader) {
    if (cookieHeader == null) {
      return null;
    }
    StringJoiner kept = new StringJoiner("; ");
    boolean any = false;
    for (String pair : cookieHeader.split(";")) {
      String trimmed = pair.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      String name = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim();
      if (!isPlatformCookie(name)) {
        kept.add(trimmed);
        any = true;
      }
    }
    return any ? kept.toString() : null;
  }

  /** The cookie name a {@code Set-Cookie} value sets. */
  public static String nameSetBy(String setCookieHeader) {
    int eq = setCookieHeader.indexOf('=');
    return (eq < 0 ? setCookieHeader : setCookieHeader.substring(0, eq)).trim();
  }
}
