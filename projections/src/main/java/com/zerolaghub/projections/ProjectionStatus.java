package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import java.util.Locale;

/**
 * One processor as an operator sees it. A rebuild in progress shows as a second entry of the
 * same name, with the new generation in state {@code catching_up}.
 *
 * @param generation  generation this entry serves or builds (0: none yet)
 * @param checkpoint  last applied event (for a standby table projection: the stored token)
 * @param lagEvents   committed events not yet applied, as of the last measurement (-1: not measured yet)
 * @param lagSeconds  age of the oldest of them, 0 when caught up
 * @param error       why it failed or what it is retrying, else null
 */
public record ProjectionStatus(
    String name,
    Kind kind,
    int generation,
    Checkpoint checkpoint,
    long lagEvents,
    double lagSeconds,
    State state,
    String error) {

  public enum Kind {
    TABLE, MEMORY;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum State {
    /** Applying live events. */
    RUNNING,
    /** Reading the log towards its head (at start, first build or rebuild). */
    CATCHING_UP,
    /** Stopped at an event it cannot decode or apply; see {@code error}. */
    FAILED,
    /** Another node holds this table projection's lease. */
    STANDBY;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
