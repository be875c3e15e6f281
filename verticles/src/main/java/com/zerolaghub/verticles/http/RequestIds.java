package com.zerolaghub.verticles.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is a sane
 * token, else a new one. It is answered in the same header, written in the request's log line
 * and in every problem document, and stored in the event metadata of what the request causes.
 */
public final class RequestIds implements PlatformHandler {
  public static final String HEADER = "X-Request-Id";
  static final String KEY = "zlh.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  RequestIds() {}

  /** Root handler: assigns the id and echoes it in the response. */
  @Override
  public void handle(RoutingContext ctx) {
    String id = fromHeader(ctx.request().getHeader(HEADER));
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** The caller's id when it is a sane token, else a new one. */
  static String fromHeader(String given) {
    return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }

  /** The request's correlation id (never null once the root handlers ran). */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id != null ? id : "-";
  }
}
