package com.zerolaghub.verticles.http;

import java.util.List;

/**
 * Fails a request with a chosen problem: {@code ctx.fail(new ProblemException(ProblemType.CONFLICT,
 * "server name taken"))} or return it as a failed future. Expected, so never logged as an error
 * and carrying no stack trace.
 */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(ProblemType type, String detail) {
    this(new Problem(type, detail, null, List.of(), null));
  }

  public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
    this(new Problem(type, detail, null, errors, null));
  }

  public ProblemException(Problem problem) {
    super(problem.type().slug() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
