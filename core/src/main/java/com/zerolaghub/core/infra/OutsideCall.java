package com.zerolaghub.core.infra;

import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * One HTTP call to an outside system under a whole-call deadline, with transport failures turned
 * into typed exceptions. HTTP error answers are left to the caller, who knows the system's error
 * format. Never logs: requests carry credentials.
 */
public final class OutsideCall {
  private OutsideCall() {}

  /**
   * Sends {@code request} with {@code sender} (e.g. {@code HttpRequest::send} or a form/JSON
   * variant). The answer must be complete within {@code timeout}, else the future fails with
   * {@link OutsideSystemTimeoutException}.
   */
  public static Future<HttpResponse<Buffer>> send(
      OutsideSystem system,
      String operation,
      Duration timeout,
      HttpRequest<Buffer> request,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender) {
    long millis = Math.max(1, timeout.toMillis());
    // idle/connect timeouts free the connection; Future.timeout enforces the overall deadline
    request.connectTimeout(millis).idleTimeout(millis);
    Future<HttpResponse<Buffer>> sent;
    try {
      sent = sender.apply(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(failure(system, operation, timeout, e));
    }
    return sent.timeout(millis, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(failure(system, operation, timeout, e)));
  }

  /** Maps a transport-level failure to the matching typed exception. */
  public static OutsideSystemException failure(
      OutsideSystem system, String operation, Duration timeout, Throwable e) {
    if (e instanceof OutsideSystemException known) {
      return known;
    }
    if (e instanceof TimeoutException) {
      return new OutsideSystemTimeoutException(system, operation, timeout, e);
    }
    if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof SSLException) {
      return new OutsideSystemUnreachableException(system, operation, false, e);
    }
    if (e instanceof HttpClosedException
        || e instanceof ClosedChannelException
        || e instanceof IOException
        || (e instanceof VertxException && String.valueOf(e.getMessage()).contains("closed"))) {
      return new OutsideSystemUnreachableException(system, operation, true, e);
    }
    return new OutsideSystemException(
        system, 0, "transport_error", operation + " failed: " + e, true, e);
  }
}
