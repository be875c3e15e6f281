package com.zerolaghub.core.servers.run;

/**
 * The runner stopped without recording anything more: its worker lost the lease or is shutting
 * down. What it did is in the log; the next worker resumes from there.
 */
public final class RunnerStopped extends RuntimeException {
  public RunnerStopped(String message) {
    super(message, null, false, false);
  }
}
