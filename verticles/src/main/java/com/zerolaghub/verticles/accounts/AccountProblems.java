package com.zerolaghub.verticles.accounts;

import com.zerolaghub.verticles.http.ProblemType;

/** Problem types of the accounts API, beside the common ones of {@link ProblemType}. */
final class AccountProblems {
  private AccountProblems() {}

  /** Unknown email and wrong password alike, so the answer does not tell which. */
  static final ProblemType INVALID_CREDENTIALS = new ProblemType("invalid-credentials", "Email or password is wrong", 401);
  /** An unsafe request authenticated by cookie without the matching X-CSRF-Token header. */
  static final ProblemType CSRF = new ProblemType("csrf", "CSRF token missing or wrong", 403);
  static final ProblemType USERNAME_TAKEN = new ProblemType("username-taken", "Username already taken", 409);
  static final ProblemType EMAIL_TAKEN = new ProblemType("email-taken", "Email already registered", 409);
  static final ProblemType WRONG_PASSWORD = new ProblemType("wrong-password", "Current password is wrong", 403);
}
