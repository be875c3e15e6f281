package com.zerolaghub.core.servers.run;

/**
 * A step failed for good: the runner records its operation as failed with {@code reason}.
 * {@code needsHuman}: something may be left outside that no automatic step will fix.
 */
final class StepFailed extends RuntimeException {
  private final boolean needsHuman;

  StepFailed(String reason, boolean needsHuman) {
    super(reason, null, false, false);
    this.needsHuman = needsHuman;
  }

  static StepFailed of(String what, Throwable cause) {
    if (cause instanceof StepFailed f) return f;
    return new StepFailed(what + ": " + Failures.describe(cause), false);
  }

  boolean needsHuman() {
    return needsHuman;
  }
}
