package com.zerolaghub.verticles.http;

import java.util.List;

/** An administrator acting on a customer's things says why; the reason is recorded with the act. */
public final class AdminReason {
  /** The shortest reason an administrator may type, as for the account actions. */
  public static final int MIN_LENGTH = 3;

  private AdminReason() {}

  /** The reason typed, stripped; 400 when it is missing or shorter than {@link #MIN_LENGTH}. */
  public static String require(String reason, String what) {
    String r = reason == null ? "" : reason.strip();
    if (r.length() < MIN_LENGTH) {
      throw new ProblemException(ProblemType.VALIDATION, "an administrator " + what + " with a reason",
          List.of(new FieldError("reason", "is required (at least " + MIN_LENGTH + " characters)")));
    }
    return r;
  }
}
