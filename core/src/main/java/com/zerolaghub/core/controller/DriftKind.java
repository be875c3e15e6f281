package com.zerolaghub.core.controller;

import java.util.Locale;

/** Ways observed state can differ from what the log says it should be. */
public enum DriftKind {
  /** The log says the container exists; Proxmox does not list it. */
  CONTAINER_MISSING,
  /** The host should run (and is not suspended); Proxmox says it is stopped. */
  CONTAINER_STOPPED,
  /** Billing suspended the account; Proxmox says the host runs. */
  RUNNING_WHILE_SUSPENDED,
  /** A game server's SRV record is absent from the zone. */
  SRV_MISSING,
  /** The SRV record exists but points somewhere other than the edge. */
  SRV_WRONG,
  /** A running game server is not registered with the Velocity edge (e.g. after an edge restart). */
  VELOCITY_MISSING,
  /** An open operation made no progress for longer than the threshold. */
  OPERATION_STUCK,
  /** The host runs but its agent does not answer. */
  AGENT_UNREACHABLE,
  /** The agent reports the game process crashed (or in error) and not coming back by itself. */
  GAME_CRASHED;

  /** Kinds judged from a per-server agent probe, which a pass makes for a sample of servers only. */
  public boolean fromAgentProbe() {
    return this == AGENT_UNREACHABLE || this == GAME_CRASHED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static DriftKind fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
