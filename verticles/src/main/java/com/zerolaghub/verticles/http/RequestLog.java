package com.zerolaghub.verticles.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One log line per request when its response ends: method, path without the query string,
 * status, duration, bytes and request id. Headers are never logged (Authorization and Cookie
 * carry secrets). Probes and scrapes, polled every few seconds, log at DEBUG.
 */
final class RequestLog implements PlatformHandler {
  private static final Logger log = LoggerFactory.getLogger("com.zerolaghub.http.request");
  private static final Set<String> PROBES = Set.of("/health/live", "/health/ready", "/metrics");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      HttpServerRequest req = ctx.request();
      String path = req.path();
      Level level = PROBES.contains(path) && ctx.response().getStatusCode() < 400 ? Level.DEBUG : Level.INFO;
      log.atLevel(level)
          .setMessage("request")
          .addKeyValue("method", req.method().name())
          .addKeyValue("path", path)
          .addKeyValue("status", ctx.response().getStatusCode())
          .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
          .addKeyValue("bytes", ctx.response().bytesWritten())
          .addKeyValue("requestId", RequestIds.of(ctx))
          // ar fails when the connection closes soon after the response; what counts is whether it ended.
          .addKeyValue("completed", ctx.response().ended())
          .log();
    });
    ctx.next();
  }
}
