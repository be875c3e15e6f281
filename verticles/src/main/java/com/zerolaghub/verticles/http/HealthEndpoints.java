package com.zerolaghub.verticles.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live}: the process serves HTTP. {@code /health/ready}: every readiness check
 * passes, and the node is not draining (a draining node answers 503 at once, whatever its
 * checks say, so the front sends it nothing new).
 */
final class HealthEndpoints {
  private final Readiness readiness;
  private final BooleanSupplier draining;

  HealthEndpoints(Readiness readiness, BooleanSupplier draining) {
    this.readiness = readiness;
    this.draining = draining;
  }

  void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "live"));
  }

  void ready(RoutingContext ctx) {
    if (draining.getAsBoolean()) {
      ProblemResponder.send(ctx, Problem.of(ProblemType.UNAVAILABLE,
          "draining: this node is stopping; send new requests to another node"),
          new JsonObject().put("checks", new JsonObject().put("draining", "down")));
      return;
    }
    readiness.evaluate().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Readiness.Report report = ar.result();
      JsonObject extra = new JsonObject().put("checks", report.checks());
      if (!report.warnings().isEmpty()) extra.put("warnings", new JsonArray(report.warnings()));
      if (report.ready()) {
        ctx.json(new JsonObject().put("status", "ready").mergeIn(extra));
      } else {
        ProblemResponder.send(ctx,
            Problem.of(ProblemType.UNAVAILABLE, "not ready: " + String.join(", ", report.notReady())), extra);
      }
    });
  }
}
