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
   * The upstream URI of a legacy {@code /__ide/<id>/rest} request: {@code /rest}, with the query.
   * Empty when the path is not under {@code /__ide/<id>/} (the bare {@code /__ide/<id>}, which
   * code-server's relative links need as a folder: redirect it).
   *
   * @param path the normalized path (no {@code ..} left to climb out of the prefix)
   * @param query the raw query, or null
   */
  static Optional<String> legacyUpstream(String path, String query) {
    if (!path.startsWith(LEGACY_PREFIX)) {
      return Optional.empty();
    }
    int slash = path.indexOf('/', LEGACY_PREFIX.length());
    if (slash < 0 || slash == LEGACY_PREFIX.length()) {
      return Optional.empty();
    }
    String rest = path.substring(slash);
    return Optional.of(query == null ? rest : rest + "?" + query);
  }
}
