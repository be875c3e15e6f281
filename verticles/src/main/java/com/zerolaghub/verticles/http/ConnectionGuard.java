package com.zerolaghub.verticles.http;

import com.zerolaghub.verticles.config.HttpConfig;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;

/**
 * What the API's HTTP server does below the router: every HTTP/1.x connection gets the guarded
 * request decoder and its header and idle deadlines, and requests the decoder refuses are
 * answered as problem documents.
 */
final class ConnectionGuard {
  private ConnectionGuard() {}

  /**
   * The server options this guard needs: cleartext HTTP/2 upgrades are off, so the connection
   * (and its guarded decoder) exists before the first request is decoded.
   */
  static HttpServerOptions options(HttpServerOptions options) {
    return options.setHttp2ClearTextEnabled(false);
  }

  static HttpServer install(HttpServer server, HttpServerOptions options, HttpConfig config) {
    return server
        .invalidRequestHandler(new InvalidRequestProblems(options.getMaxInitialLineLength(), options.getMaxHeaderSize()))
        .connectionHandler(conn -> guard(conn, options, config));
  }

  private static void guard(HttpConnection conn, HttpServerOptions options, HttpConfig config) {
    if (!(conn instanceof HttpServerConnection internal)) return;
    ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
    if (pipeline.get(GuardedRequestDecoder.NAME) == null) return; // HTTP/2: nothing to guard here
    ConnectionDeadlines deadlines = new ConnectionDeadlines(config.headerTimeoutMs(), config.idleTimeoutMs());
    pipeline.addBefore("handler", ConnectionDeadlines.ResponseEnds.NAME, new ConnectionDeadlines.ResponseEnds(deadlines));
    pipeline.replace(GuardedRequestDecoder.NAME, GuardedRequestDecoder.NAME, new GuardedRequestDecoder(options, deadlines));
  }
}
