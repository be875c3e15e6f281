package com.zerolaghub.verticles.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /health/live}: the process serves HTTP. {@code /health/ready}: every readiness check passes. */
final class HealthEndpoints {
  private final Readiness readiness;

  HealthEndpoints(Readiness readiness) {
    this.readiness = readiness;
  }

  void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "live"));
  }

  void ready(RoutingContext ctx) {
    readiness.evaluate().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Readiness.Report report = ar.result();
      JsonObject extra = new JsonObject().put("checks", report.checks());
      if (!report.warnings().isEmpty()) extra.put("warnings", new io.vertx.core.json.JsonArray(report.warnings()));
      if (report.ready()) {
        ctx.json(new JsonObject().put("status", "ready").mergeIn(extra));
      } else {
        ProblemResponder.send(ctx,
            Problem.of(ProblemType.UNAVAILABLE, "not ready: " + String.join(", ", report.notReady())), extra);
      }
    });
  }
}
