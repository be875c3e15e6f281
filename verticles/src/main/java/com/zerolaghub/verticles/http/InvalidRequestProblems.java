package com.zerolaghub.verticles.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the HTTP decoder could not take (bad request line, URI or headers too long,
 * ambiguous framing) with a problem document instead of Vert.x's empty 400/414/431, then closes
 * the connection: after a decoding failure nothing more on it can be trusted. Such a request
 * never reaches the router, so it gets its request id and its one log line here.
 */
final class InvalidRequestProblems implements Handler<HttpServerRequest> {
  private static final Logger log = LoggerFactory.getLogger("com.zerolaghub.http.request");
  private final int maxInitialLineLength;
  private final int maxHeaderSize;

  InvalidRequestProblems(int maxInitialLineLength, int maxHeaderSize) {
    this.maxInitialLineLength = maxInitialLineLength;
    this.maxHeaderSize = maxHeaderSize;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem = problemFor(cause);
    String requestId = RequestIds.fromHeader(request.getHeader(RequestIds.HEADER));
    Problem located = problem.at(instance(request), requestId);
    log.atInfo().setMessage("request refused by the HTTP decoder").addKeyValue("status", problem.status())
        .addKeyValue("type", problem.type().slug()).addKeyValue("requestId", requestId).log();
    HttpServerResponse response = request.response();
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader("Connection", "close");
    response.end(located.toJson().encode()).onComplete(ar -> request.connection().close());
  }

  private Problem problemFor(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return Problem.of(ProblemType.URI_TOO_LONG, "the request line is longer than " + maxInitialLineLength + " bytes");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return Problem.of(ProblemType.HEADERS_TOO_LARGE, "the request headers are larger than " + maxHeaderSize + " bytes");
    }
    if (cause instanceof GuardedRequestDecoder.AmbiguousFramingException) {
      return Problem.of(ProblemType.MALFORMED_REQUEST,
          "a request must not carry both Content-Length and Transfer-Encoding (RFC 9112 section 6.1)");
    }
    if (cause instanceof TooLongFrameException) {
      return Problem.of(ProblemType.MALFORMED_REQUEST, "a part of the request is too long");
    }
    return Problem.of(ProblemType.MALFORMED_REQUEST, "the request is not valid HTTP/1.1");
  }

  /** The request's path when it is a short, plain one; "/" otherwise (a refused URI is not echoed). */
  private static String instance(HttpServerRequest request) {
    String path;
    try {
      path = request.path();
    } catch (RuntimeException e) {
      return "/";
    }
    if (path == null || !path.startsWith("/") || path.length() > 200 || !path.matches("[\\x21-\\x7e]*")) return "/";
    return path;
  }
}
