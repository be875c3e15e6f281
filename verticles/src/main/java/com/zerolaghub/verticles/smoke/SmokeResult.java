package com.zerolaghub.verticles.smoke;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a smoke run ended: every step with its time, and the first failure (step and reason).
 *
 * @param steps   the steps run, in order, with their outcome
 * @param failed  the step that failed first, empty when all passed
 * @param reason  what that step saw
 */
public record SmokeResult(List<StepTime> steps, Optional<String> failed, Optional<String> reason, Duration total) {
  /** One step: its name, how long it took, and {@code ok}, {@code skip} or {@code FAIL}. */
  public record StepTime(String name, Duration took, String outcome, String note) {}

  public boolean passed() {
    return failed.isEmpty();
  }
}
