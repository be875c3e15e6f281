package com.zerolaghub.core.infra.agent;

import java.time.Instant;
import java.util.List;

/** The agent's {@code game.lastCrash}. {@code exitCode} and {@code signal} may be null. */
public record CrashReport(
    Instant at,
    Integer exitCode,
    String signal,
    long uptimeSeconds,
    CrashClassification classification,
    List<String> logTail) {

  public CrashReport {
    logTail = List.copyOf(logTail);
  }
}
