package com.zerolaghub.verticles.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * What becomes of an HTTP/1.x connection after a refusal: ended once the answer is out when the
 * request's framing cannot be trusted; kept, with the unread rest of the body dropped, when the
 * request was merely refused early. HTTP/2 ends the stream by itself.
 */
final class ConnectionClosing {
  private static final String KEY = "zlh.closeAfterResponse";
  /** Beyond this much discarded body the connection is closed instead (the header timeout bounds the time). */
  static final long MAX_DISCARDED_BYTES = 8L * 1024 * 1024;

  private ConnectionClosing() {}

  static void afterResponse(RoutingContext ctx) {
    if (ctx.request().version() == HttpVersion.HTTP_2 || ctx.get(KEY) != null) return;
    ctx.put(KEY, Boolean.TRUE);
    ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Connection", "close"));
    ctx.addBodyEndHandler(v -> ctx.request().connection().close());
  }

  /**
   * A request answered before its body was read: the rest of the body is read and dropped so
   * that the client, still sending, gets the answer (closing with unread bytes makes TCP reset
   * the connection, and the answer can be lost) and the connection can serve the next request.
   * Past {@link #MAX_DISCARDED_BYTES} the connection is closed instead.
   */
  static void discardUnreadBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded() || request.version() == HttpVersion.HTTP_2) return;
    long[] discarded = {0};
    try {
      request.exceptionHandler(err -> { });
      request.handler(chunk -> {
        discarded[0] += chunk.length();
        if (discarded[0] > MAX_DISCARDED_BYTES) request.connection().close();
      });
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      afterResponse(ctx); // its body belongs to someone else (an upgrade, a stream): end the connection
    }
  }
}
