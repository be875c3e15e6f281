package com.zerolaghub.core.billing;

import java.util.Locale;

/** Enforcement states of an account (R5.2), with the labels the log and API use. */
public enum Enforcement {
  GOOD, WARNING, FINAL_WARNING, SUSPENDED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Enforcement fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
