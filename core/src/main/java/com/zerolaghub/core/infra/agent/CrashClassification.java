package com.zerolaghub.core.infra.agent;

import java.util.Locale;

/** Why the agent thinks the game process died. */
public enum CrashClassification {
  OOM,
  MOD_OR_PLUGIN_ERROR,
  MISSING_DEPENDENCY,
  NONZERO_EXIT,
  UNEXPECTED_EXIT,
  /** A value this platform version does not know. */
  UNKNOWN;

  public static CrashClassification fromWire(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    for (CrashClassification c : values()) {
      if (c.wire().equals(value)) {
        return c;
      }
    }
    return UNKNOWN;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
