package com.zerolaghub.core.billing;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an account stays in each dunning state before the timer escalates it:
 * {@code warning} → final_warning after {@code warning}, final_warning → suspended after
 * {@code finalWarning}.
 */
public record EnforcementPolicy(Duration warning, Duration finalWarning) {
  public static final EnforcementPolicy DEFAULT = new EnforcementPolicy(Duration.ofDays(3), Duration.ofDays(4));

  public EnforcementPolicy {
    Objects.requireNonNull(warning, "warning");
    Objects.requireNonNull(finalWarning, "finalWarning");
    if (warning.isNegative() || finalWarning.isNegative()) throw new IllegalArgumentException("durations must be >= 0");
  }
}
