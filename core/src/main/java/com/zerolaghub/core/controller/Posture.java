package com.zerolaghub.core.controller;

/** Whether planned repairs of a level run. */
public enum Posture {
  /** Planned, recorded and executed by the repair worker. */
  LIVE("live"),
  /** Planned and recorded, never executed (the default). */
  DRY_RUN("dry-run"),
  /** Levels 2 and 3: recorded as a plan for a human; no configuration makes them run. */
  PLANNED_ONLY("planned-only");

  private final String wireName;

  Posture(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Posture fromWire(String wire) {
    for (Posture p : values()) if (p.wireName.equals(wire)) return p;
    throw new IllegalArgumentException("unknown posture " + wire);
  }
}
