package com.zerolaghub.core.infra;

import java.time.Duration;

/** No complete answer within the call's deadline; the request may still have been acted on. */
public class OutsideSystemTimeoutException extends OutsideSystemException {
  private final Duration timeout;

  public OutsideSystemTimeoutException(
      OutsideSystem system, String operation, Duration timeout, Throwable cause) {
    super(system, 0, "timeout", operation + " got no answer within " + timeout.toMillis() + " ms", true, cause);
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
