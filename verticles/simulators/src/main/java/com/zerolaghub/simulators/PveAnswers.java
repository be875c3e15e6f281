package com.zerolaghub.simulators;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Answers in the shape pve-http-server gives them (JSON formatter of
 * {@code PVE::APIServer::Formatter::Standard}): success {@code {"data": …}}; errors carry the
 * message in the HTTP status line and as {@code message} (with its trailing newline), parameter
 * errors additionally under {@code errors}.
 */
final class PveAnswers {
  static final String PARAMETER_VERIFICATION_FAILED = "Parameter verification failed.";

  private PveAnswers() {}

  static void data(RoutingContext ctx, Object data) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(200)
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .end(new JsonObject().put("data", data).encode());
  }

  static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    String line = message.lines().findFirst().orElse("error");
    ctx.response()
        .setStatusCode(status)
        .setStatusMessage(line)
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .end(new JsonObject().putNull("data").put("message", message + "\n").encode());
  }

  static void parameterErrors(RoutingContext ctx, Map<String, String> errors) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject perParameter = new JsonObject();
    errors.forEach((name, problem) -> perParameter.put(name, problem + "\n"));
    ctx.response()
        .setStatusCode(400)
        .setStatusMessage(PARAMETER_VERIFICATION_FAILED)
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .end(new JsonObject()
            .putNull("data")
            .put("errors", perParameter)
            .put("message", PARAMETER_VERIFICATION_FAILED + "\n")
            .encode());
  }

  /** 401 as pveproxy sends it: reason in the status line, no body. */
  static void unauthorized(RoutingContext ctx, String reason) {
    ctx.response().setStatusCode(401).setStatusMessage(reason).end();
  }
}
