package com.zerolaghub.verticles.smoke;

/** A smoke step found the platform wrong; the message says what it saw. */
public final class SmokeCheckFailed extends RuntimeException {
  public SmokeCheckFailed(String message) {
    super(message);
  }

  public SmokeCheckFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
