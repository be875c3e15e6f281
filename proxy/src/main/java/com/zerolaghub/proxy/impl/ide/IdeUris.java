package com.zerolaghub.proxy.impl.ide;

import java.util.StringJoiner;

/** Request-URI rewrites of the hosted IDE, on raw (still percent-encoded) URIs. */
final class IdeUris {
  private IdeUris() {}

  /** {@code uri} without its {@code zlh_ide_token} parameter(s); other parameters kept in order. */
  static String withoutToken(String uri) {
    int q = uri.indexOf('?');
    if (q < 0) {
      return uri;
    }
    int hash = uri.indexOf('#', q);
    String query = hash < 0 ? uri.substring(q + 1) : uri.substring(q + 1, hash);
    StringJoiner kept = new StringJoiner("&");
    for (String pair : query.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!pair.isEmpty() && !name.equals(IdeTokenIssuer.TOKEN_PARAM)) {
        kept.add(pair);
      }
    }
    String path = uri.substring(0, q);
    return kept.length() == 0 ? path : path + "?" + kept;
  }
}
