package com.zerolaghub.verticles.smoke;

/** A smoke step found the platform wrong; the message says what it saw. */
public final class StepFailed extends RuntimeException {
  public StepFailed(String message) {
    super(message);
  }

  public StepFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
