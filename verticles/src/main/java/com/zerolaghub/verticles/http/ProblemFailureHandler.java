package com.zerolaghub.verticles.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.WrongExpectedVersionException;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes a problem document: expected failures map to their
 * problem type, a backing service out of reach (see {@link DependencyOutages}) is a 503 with
 * Retry-After logged as one warning, anything else is a 500 logged once with the request id the
 * client also gets.
 * Installed as the router's failure handler and as its 404/405 error handler.
 */
final class ProblemFailureHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(ProblemFailureHandler.class);
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private final long bodyLimitBytes;
  private final OpenAPIContract contract;

  ProblemFailureHandler(long bodyLimitBytes, OpenAPIContract contract) {
    this.bodyLimitBytes = bodyLimitBytes;
    this.contract = contract;
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
    // Refused before its body was read: drop the rest, so the client gets the answer.
    if (!ctx.request().isEnded()) ConnectionClosing.discardUnreadBody(ctx);
    ProblemResponder.send(ctx, problem);
  }

  private Problem toProblem(RoutingContext ctx, Throwable failure) {
    String unreachable = DependencyOutages.unreachable(failure);
    if (unreachable != null) return unavailable(ctx, failure, unreachable);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProblemException p) return p.problem();
      if (t instanceof Rejection r) return RejectionProblems.from(r);
      if (t instanceof ValidatorException v) return ValidationProblems.from(v);
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

  /** A backing service out of reach is not the client's fault: 503 (with Retry-After), one warning without a stack trace. */
  private Problem unavailable(RoutingContext ctx, Throwable failure, String what) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    log.atWarn().setMessage("dependency unavailable").addKeyValue("requestId", RequestIds.of(ctx))
        .addKeyValue("method", ctx.request().method().name()).addKeyValue("path", ctx.request().path())
        .addKeyValue("dependency", what)
        .addKeyValue("reason", root.getClass().getSimpleName() + ": " + root.getMessage()).log();
    String detail = what + " cannot be reached right now; retry in a few seconds";
    if (ctx.request().getHeader(IDEMPOTENCY_KEY) != null && honoursIdempotencyKey(ctx)) {
      detail += "; retrying with the same Idempotency-Key is safe (the request is done at most once)";
    }
    return Problem.of(ProblemType.UNAVAILABLE, detail);
  }

  /** True when the contract gives the request's operation an Idempotency-Key header (so a retry cannot act twice). */
  private boolean honoursIdempotencyKey(RoutingContext ctx) {
    Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    if (operation == null) return false;
    for (Parameter p : operation.getParameters()) {
      if (p.getIn() == Location.HEADER && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName())) return true;
    }
    return false;
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
