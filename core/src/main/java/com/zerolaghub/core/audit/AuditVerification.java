package com.zerolaghub.core.audit;

/** Outcome of verifying an export: ok, or the first bad line (1-based) and why. */
public record AuditVerification(boolean ok, long line, String reason, long events) {
  public static AuditVerification good(long events) {
    return new AuditVerification(true, 0, null, events);
  }

  public static AuditVerification bad(long line, String reason) {
    return new AuditVerification(false, line, reason, 0);
  }
}
