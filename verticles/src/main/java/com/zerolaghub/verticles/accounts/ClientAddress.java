package com.zerolaghub.verticles.accounts;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller's address for rate limits and event metadata: the socket's remote address, or,
 * behind a trusted proxy ({@code http.trustForwardedFor}), the last {@code X-Forwarded-For}
 * entry, the one that proxy appended (earlier entries are whatever the client sent).
 */
final class ClientAddress {
  private final boolean trustForwardedFor;

  ClientAddress(boolean trustForwardedFor) {
    this.trustForwardedFor = trustForwardedFor;
  }

  String of(RoutingContext ctx) {
    if (trustForwardedFor) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null) {
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        if (!last.isEmpty() && last.length() <= 45) return last;
      }
    }
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }
}
