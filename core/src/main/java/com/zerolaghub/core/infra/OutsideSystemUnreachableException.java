package com.zerolaghub.core.infra;

/**
 * The connection failed: refused or unresolvable (nothing was sent), or closed before an answer
 * (the request may have arrived; see {@link #outcomeUnknown()}).
 */
public class OutsideSystemUnreachableException extends OutsideSystemException {

  public OutsideSystemUnreachableException(
      OutsideSystem system, String operation, boolean outcomeUnknown, Throwable cause) {
    super(
        system,
        0,
        outcomeUnknown ? "connection_closed" : "unreachable",
        operation + (outcomeUnknown ? " lost its connection before an answer" : " could not connect")
            + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""),
        outcomeUnknown,
        cause);
  }
}
