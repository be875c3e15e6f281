package com.zerolaghub.core.infra;

/**
 * An outside system refused or failed a call. {@link #status()} is the HTTP status, or 0 when no
 * answer arrived. {@link #outcomeUnknown()} is true when the request may have been acted on
 * although no answer came back (timeouts, connections dropped after sending): callers must not
 * blindly repeat an unsafe step then, but look at the system's state first.
 */
public class OutsideSystemException extends RuntimeException {
  private final OutsideSystem system;
  private final int status;
  private final String code;
  private final boolean outcomeUnknown;

  public OutsideSystemException(OutsideSystem system, int status, String code, String message) {
    this(system, status, code, message, false, null);
  }

  public OutsideSystemException(
      OutsideSystem system,
      int status,
      String code,
      String message,
      boolean outcomeUnknown,
      Throwable cause) {
    super(system.label() + (status > 0 ? " " + status : "") + " " + code + ": " + message, cause);
    this.system = system;
    this.status = status;
    this.code = code;
    this.outcomeUnknown = outcomeUnknown;
  }

  public OutsideSystem system() {
    return system;
  }

  /** HTTP status of the answer; 0 when there was none. */
  public int status() {
    return status;
  }

  /** Machine-readable code: the system's own error code where it has one. */
  public String code() {
    return code;
  }

  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /** True for answers that say "try again later" (5xx) or no answer at all. */
  public boolean transientFailure() {
    return status == 0 || status >= 500;
  }
}
