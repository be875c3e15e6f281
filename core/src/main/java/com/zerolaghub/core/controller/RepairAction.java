package com.zerolaghub.core.controller;

/** What a repair does, and its level: 1 is safe and may run automatically, 2 and 3 are only planned. */
public enum RepairAction {
  /** Ends a stuck operation as stale so the server takes new operations; touches nothing outside. */
  CLEAR_STALE_OPERATION_LOCK("clear_stale_operation_lock", 1),
  /** Restores the SRV record and the Velocity registration through provisioning's own steps. */
  EDGE_REPUBLISH("edge_republish", 1),
  /** Starts a host that should run. */
  START_HOST("start_host", 2),
  /** Restarts a host whose agent stopped answering. */
  RESTART_HOST("restart_host", 2),
  /** Stops a suspended account's host that runs (never toward running). */
  STOP_SUSPENDED_HOST("stop_suspended_host", 2),
  /** Recreates a container that vanished. */
  REPROVISION("reprovision", 3);

  private final String wireName;
  private final int level;

  RepairAction(String wireName, int level) {
    this.wireName = wireName;
    this.level = level;
  }

  public String wireName() {
    return wireName;
  }

  public int level() {
    return level;
  }

  public static RepairAction fromWire(String wire) {
    for (RepairAction a : values()) if (a.wireName.equals(wire)) return a;
    throw new IllegalArgumentException("unknown repair action " + wire);
  }
}
