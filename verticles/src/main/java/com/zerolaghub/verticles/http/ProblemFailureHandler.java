package com.zerolaghub.verticles.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zerolaghub.events.EventStoreUnavailableException;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.WrongExpectedVersionException;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes a problem document: expected failures map to their
 * problem type, anything else is a 500 logged once with the request id the client also gets.
 * Installed as the router's failure handler and as its 404/405 error handler.
 */
final class ProblemFailureHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(ProblemFailureHandler.class);
  private final long bodyLimitBytes;

  ProblemFailureHandler(long bodyLimitBytes) {
    this.bodyLimitBytes = bodyLimitBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    Problem problem = toProblem(ctx, failure);
    if (ctx.response().headWritten()) {
      // Too late for a problem document: the status line is out. Cut the response short.
      log.atWarn().setMessage("request failed after its response started")
          .addKeyValue("requestId", RequestIds.of(ctx)).addKeyValue("path", ctx.request().path())
          .setCause(failure).log();
      ctx.response().reset();
      return;
    }
    // Refused before its body was read: the rest of the body must not be taken for a next request.
    if (!ctx.request().isEnded()) ConnectionClosing.afterResponse(ctx);
    ProblemResponder.send(ctx, problem);
  }

  private Problem toProblem(RoutingContext ctx, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProblemException p) return p.problem();
      if (t instanceof Rejection r) return RejectionProblems.from(r);
      if (t instanceof ValidatorException v) return ValidationProblems.from(v);
      if (t instanceof EventStoreUnavailableException) {
        log.atWarn().setMessage("event store unavailable").addKeyValue("requestId", RequestIds.of(ctx))
            .addKeyValue("path", ctx.request().path()).addKeyValue("reason", t.getMessage()).log();
        return Problem.of(ProblemType.UNAVAILABLE, "the event store cannot be reached; nothing was changed, retry later");
      }
      if (t instanceof WrongExpectedVersionException) {
        return Problem.of(ProblemType.CONFLICT, "the resource was changed concurrently; read it again and retry");
      }
      if (t instanceof DecodeException || t instanceof JsonProcessingException) {
        return Problem.of(ProblemType.MALFORMED_JSON, "request body is not valid JSON");
      }
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (failure == null || failure instanceof HttpException) {
      return knownStatus(ctx, status);
    }
    log.atError().setMessage("unexpected failure").addKeyValue("requestId", RequestIds.of(ctx))
        .addKeyValue("method", ctx.request().method().name()).addKeyValue("path", ctx.request().path())
        .setCause(failure).log();
    return Problem.of(ProblemType.INTERNAL, "unexpected error; quote request id " + RequestIds.of(ctx) + " to support");
  }

  private Problem knownStatus(RoutingContext ctx, int status) {
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    switch (status) {
      case 404:
        return Problem.of(ProblemType.NOT_FOUND, "no resource at " + method + " " + path);
      case 405:
        return Problem.of(ProblemType.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
      case 413:
        return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "request body exceeds " + bodyLimitBytes + " bytes");
      case -1:
      case 500:
        log.atError().setMessage("request failed without a cause").addKeyValue("requestId", RequestIds.of(ctx))
            .addKeyValue("method", method).addKeyValue("path", path).log();
        return Problem.of(ProblemType.INTERNAL, "unexpected error; quote request id " + RequestIds.of(ctx) + " to support");
      default:
        return Problem.of(ProblemType.forStatus(status), null);
    }
  }
}
