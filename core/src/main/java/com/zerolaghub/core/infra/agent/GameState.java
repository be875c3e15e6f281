package com.zerolaghub.core.infra.agent;

import java.util.Locale;

/** The game process as the agent sees it. */
public enum GameState {
  STOPPED,
  STARTING,
  RUNNING,
  STOPPING,
  CRASHED,
  ERROR,
  /** A value this platform version does not know. */
  UNKNOWN;

  public static GameState fromWire(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    for (GameState state : values()) {
      if (state.wire().equals(value)) {
        return state;
      }
    }
    return UNKNOWN;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
