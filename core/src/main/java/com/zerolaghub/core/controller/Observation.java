package com.zerolaghub.core.controller;

import java.util.Map;
import java.util.Set;

/**
 * Observed state, read in bulk in one pass: Proxmox's inventory, the zone's SRV records and
 * Velocity's registrations.
 *
 * @param containers  vmid → {@code running}, {@code stopped}, … as Proxmox reports it
 * @param srvRecords  full SRV owner name (lower case) → {@code target:port}
 * @param velocity    names registered with Velocity
 * @param agents      serverId → what its agent answered ({@link AgentSeen}), for the servers probed this pass
 */
public record Observation(Map<Integer, String> containers, Map<String, String> srvRecords, Set<String> velocity,
                          Map<String, AgentSeen> agents) {
  public Observation(Map<Integer, String> containers, Map<String, String> srvRecords, Set<String> velocity) {
    this(containers, srvRecords, velocity, Map.of());
  }

  /** One agent probe: {@code reachable}, and if so the game's state ({@code running}, {@code crashed}, …). */
  public record AgentSeen(boolean reachable, String gameState, String detail) {}
}
