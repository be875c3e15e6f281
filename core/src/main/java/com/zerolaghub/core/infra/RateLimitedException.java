package com.zerolaghub.core.infra;

import java.time.Duration;

/**
 * An outside system said "too many requests" (429): nothing was done, and it asks to wait
 * {@link #retryAfter()} before the next call (its {@code Retry-After}). Transient, but retrying
 * earlier only prolongs the block.
 */
public class RateLimitedException extends OutsideSystemException {
  private final Duration retryAfter;

  public RateLimitedException(OutsideSystem system, int status, String code, String message, Duration retryAfter) {
    super(system, status, code, message + " (retry after " + retryAfter.toSeconds() + " s)");
    this.retryAfter = retryAfter;
  }

  /** How long the system asked to wait before the next call. */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean transientFailure() {
    return true;
  }
}
