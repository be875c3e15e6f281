package com.zerolaghub.verticles.http;

import com.zerolaghub.core.command.Rejection;
import java.util.List;

/**
 * Domain refusals as problem documents: the rejection's stable code becomes the problem type
 * ({@code https://zerolaghub.com/problems/host-running}), its kind the status.
 */
final class RejectionProblems {
  private RejectionProblems() {}

  static Problem from(Rejection r) {
    ProblemType type = new ProblemType(r.code(), title(r.kind()), status(r.kind()));
    List<FieldError> fields = r.fieldErrors().stream().map(f -> new FieldError(f.field(), f.message())).toList();
    return new Problem(type, r.getMessage(), null, fields, null);
  }

  static int status(Rejection.Kind kind) {
    switch (kind) {
      case INVALID: return 400;
      case UNAUTHORIZED: return 401;
      case FORBIDDEN: return 403;
      case NOT_FOUND: return 404;
      case CONFLICT:
      case LIMIT_EXCEEDED: return 409;
      case PRECONDITION_FAILED: return 412;
      case UNPROCESSABLE: return 422;
      default: return 400;
    }
  }

  private static String title(Rejection.Kind kind) {
    switch (kind) {
      case INVALID: return "Request is not valid";
      case UNAUTHORIZED: return "Authentication required";
      case FORBIDDEN: return "Not allowed";
      case NOT_FOUND: return "Not found";
      case CONFLICT: return "Conflict with the current state";
      case LIMIT_EXCEEDED: return "Limit reached";
      case PRECONDITION_FAILED: return "Precondition failed";
      case UNPROCESSABLE: return "Request cannot be processed";
      default: return "Request refused";
    }
  }
}
