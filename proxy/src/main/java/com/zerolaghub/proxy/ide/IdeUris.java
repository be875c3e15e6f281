package com.zerolaghub.proxy.ide;

import java.util.Optional;
import java.util.StringJoiner;

/** Request-URI rewrites of the IDE routes, on raw (still percent-encoded) URIs. */
final class IdeUris {
  static final String LEGACY_PREFIX = "/__ide/";

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

  /**
   * The upstream URI of a legacy {@code /__ide/<id>/rest} request: {@code /rest} (query kept).
   * Empty when the URI is not under {@code /__ide/<id>/} (e.g. the bare {@code /__ide/<id>},
   * which code-server's relative links need as a folder: redirect it).
   */
  static Optional<String> legacyUpstream(String uri) {
    if (!uri.startsWith(LEGACY_PREFIX)) {
      return Optional.empty();
    }
    int slash = uri.indexOf('/', LEGACY_PREFIX.length());
    int q = uri.indexOf('?', LEGACY_PREFIX.length());
    if (slash < 0 || (q >= 0 && q < slash) || slash == LEGACY_PREFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(uri.substring(slash));
  }
}
