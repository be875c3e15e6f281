package com.zerolaghub.verticles.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes problem documents. Handlers normally fail the context instead; see {@link ProblemException}. */
public final class ProblemResponder {
  private ProblemResponder() {}

  public static void send(RoutingContext ctx, Problem problem) {
    send(ctx, problem, null);
  }

  /** @param extensions extra members merged into the document (e.g. readiness "checks") */
  public static void send(RoutingContext ctx, Problem problem, JsonObject extensions) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) return;
    Problem located = problem.at(ctx.request().path(), RequestIds.of(ctx));
    JsonObject body = located.toJson();
    if (extensions != null) body.mergeIn(extensions);
    response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.CONTENT_TYPE);
    if (problem.status() == 503) response.putHeader("Retry-After", "5");
    response.end(body.encode());
  }
}
