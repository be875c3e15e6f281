package com.zerolaghub.verticles.http;

import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends an HTTP/1.x connection once the answer to this request is out: for refusals whose body
 * was not read (its remaining bytes would be taken for the next request, or stall it) and for
 * requests whose framing cannot be trusted. HTTP/2 ends the stream by itself.
 */
final class ConnectionClosing {
  private static final String KEY = "zlh.closeAfterResponse";

  private ConnectionClosing() {}

  static void afterResponse(RoutingContext ctx) {
    if (ctx.request().version() == HttpVersion.HTTP_2 || ctx.get(KEY) != null) return;
    ctx.put(KEY, Boolean.TRUE);
    ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Connection", "close"));
    ctx.addBodyEndHandler(v -> ctx.request().connection().close());
  }
}
