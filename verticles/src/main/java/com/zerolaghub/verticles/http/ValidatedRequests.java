package com.zerolaghub.verticles.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** Typed access to what the contract validated, for operation handlers. */
public final class ValidatedRequests {
  private ValidatedRequests() {}

  public static ValidatedRequest of(RoutingContext ctx) {
    ValidatedRequest validated = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    if (validated == null) throw new IllegalStateException("request of " + ctx.request().path() + " was not validated");
    return validated;
  }

  /** The validated JSON object body, or null when the operation has none. */
  public static JsonObject body(RoutingContext ctx) {
    RequestParameter body = of(ctx).getBody();
    return body == null || body.isNull() ? null : body.getJsonObject();
  }

  public static String pathParam(RoutingContext ctx, String name) {
    RequestParameter p = of(ctx).getPathParameters().get(name);
    return p == null || p.isNull() ? null : p.getString();
  }

  public static RequestParameter query(RoutingContext ctx, String name) {
    return of(ctx).getQuery().get(name);
  }
}
