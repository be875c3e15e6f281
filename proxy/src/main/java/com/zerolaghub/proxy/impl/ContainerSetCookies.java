package com.zerolaghub.proxy.impl;

import com.zerolaghub.proxy.PlatformCookies;
import java.util.Locale;

/**
 * Which {@code Set-Cookie} headers from a customer's container may reach the browser. A cookie
 * passes only when it is host-only (no {@code Domain} attribute: it then stays on its own
 * {@code dev-<vmid>} host) and nothing about it can be read back as a platform cookie.
 *
 * <p>The header is read as a browser reads it (RFC 6265bis §5.7, as Chrome and Firefox do):
 * the pair before the first {@code ;}, split at its first {@code =}; without any {@code =} the
 * name is empty. A nameless cookie is sent back as its bare value, so {@code =zlh_session=x}
 * comes back as {@code Cookie: zlh_session=x}: for a nameless cookie the value is what must not
 * look like ours. Names are compared without case, quotes or blanks, so {@code "zlh_session"},
 * {@code ZLH_session} and {@code  zlh_session } are refused too.
 */
public final class ContainerSetCookies {

  private ContainerSetCookies() {}

  /** Whether this {@code Set-Cookie} value may be relayed to the browser. */
  public static boolean mayPass(String setCookie) {
    if (setCookie == null || hasControlCharacter(setCookie)) {
      return false; // RFC 6265bis: the browser ignores it, or truncates it in ways we would not predict
    }
    int semicolon = setCookie.indexOf(';');
    String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
    String attributes = semicolon < 0 ? "" : setCookie.substring(semicolon + 1);
    int eq = pair.indexOf('=');
    String name = eq < 0 ? "" : pair.substring(0, eq).strip();
    String value = eq < 0 ? pair.strip() : pair.substring(eq + 1).strip();
    String readBackAs = name.isEmpty() ? value : name;
    return !PlatformCookies.isPlatformCookie(readBackAs) && !hasDomainAttribute(attributes);
  }

  private static boolean hasDomainAttribute(String attributes) {
    for (String attribute : attributes.split(";")) {
      int eq = attribute.indexOf('=');
      String attributeName = (eq < 0 ? attribute : attribute.substring(0, eq)).strip();
      if (attributeName.toLowerCase(Locale.ROOT).equals("domain")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
