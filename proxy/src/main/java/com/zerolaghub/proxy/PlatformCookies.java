package com.zerolaghub.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The platform's own cookies, which are credentials for the API or the proxy and must never
 * reach a customer's container: {@code zlh_session}, {@code zlh_csrf} and every
 * {@code zlh_ide_*}, and their {@code __Host-} forms (served over TLS).
 */
public final class PlatformCookies {
  public static final String SESSION = "zlh_session";
  public static final String CSRF = "zlh_csrf";
  public static final String IDE_PREFIX = "zlh_ide_";
  /** Every platform cookie name starts with this (after an optional {@code __Host-}/{@code __Secure-}). */
  public static final String PREFIX = "zlh_";
  /** Browsers accept a cookie so named only host-only, {@code Secure}, {@code Path=/}, from an https origin. */
  public static final String HOST_PREFIX = "__Host-";

  private PlatformCookies() {}

  /** The session cookie's name: {@code __Host-zlh_session} when the platform is served over TLS. */
  public static String sessionName(boolean tls) {
    return tls ? HOST_PREFIX + SESSION : SESSION;
  }

  /** The CSRF cookie's name: {@code __Host-zlh_csrf} when the platform is served over TLS. */
  public static String csrfName(boolean tls) {
    return tls ? HOST_PREFIX + CSRF : CSRF;
  }

  /**
   * Whether a cookie name is (or could be read as) one of ours: any case, with or without
   * {@code __Host-}/{@code __Secure-}, quotes or surrounding blanks.
   */
  public static boolean isPlatformCookie(String name) {
    String n = name.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    if (n.startsWith("__host-")) {
      n = n.substring("__host-".length());
    } else if (n.startsWith("__secure-")) {
      n = n.substring("__secure-".length());
    }
    return n.startsWith(PREFIX);
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

  /**
   * Every value the {@code Cookie} headers carry for {@code name}, in order (a browser sends
   * several when cookies of one name were set for different domains or paths). Parsed as
   * Netty's lax decoder does (split at {@code ;}, names trimmed, one pair of quotes around a
   * value removed), but keeping duplicates, which Netty's decoder drops after the first.
   */
  public static List<String> valuesOf(List<String> cookieHeaders, String name) {
    List<String> values = new ArrayList<>();
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq < 0 || !pair.substring(0, eq).trim().equals(name)) {
          continue;
        }
        String value = pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        values.add(value);
      }
    }
    return values;
  }

  /**
   * The first value the {@code Cookie} headers carry for {@code name}, or null: what a server's
   * cookie decoder hands out for that name, read without decoding every other cookie.
   */
  public static String firstValueOf(List<String> cookieHeaders, String name) {
    for (String header : cookieHeaders) {
      int from = 0;
      while (from < header.length()) {
        int end = header.indexOf(';', from);
        if (end < 0) {
          end = header.length();
        }
        int eq = header.indexOf('=', from);
        if (eq > 0 && eq < end && header.substring(from, eq).trim().equals(name)) {
          String value = header.substring(eq + 1, end).trim();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return value;
        }
        from = end + 1;
      }
    }
    return null;
  }
}
