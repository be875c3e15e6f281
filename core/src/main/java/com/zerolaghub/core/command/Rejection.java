package com.zerolaghub.core.command;

import java.util.List;

/**
 * A command refused by domain rules. The kind decides the HTTP status at the edge; the code
 * is stable and becomes the problem document's type; the message is for people.
 */
public class Rejection extends RuntimeException {
  public enum Kind {
    /** Malformed or out-of-range input: 400. */
    INVALID,
    /** Well-formed but not processable as sent (a reused idempotency key): 422. */
    UNPROCESSABLE,
    /** Absent, or not the caller's (no existence leak): 404. */
    NOT_FOUND,
    /** In conflict with the resource's current state: 409. */
    CONFLICT,
    FORBIDDEN,
    UNAUTHORIZED,
    /** A quota or plan limit: 409, the message names the limit. */
    LIMIT_EXCEEDED,
    PRECONDITION_FAILED
  }

  public record FieldError(String field, String message) {}

  private final Kind kind;
  private final String code;
  private final List<FieldError> fieldErrors;

  public Rejection(Kind kind, String code, String message) {
    this(kind, code, message, List.of());
  }

  public Rejection(Kind kind, String code, String message, List<FieldError> fieldErrors) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
