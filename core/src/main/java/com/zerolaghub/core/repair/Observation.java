package com.zerolaghub.core.repair;

import java.util.Map;
import java.util.Set;

/**
 * Observed state, read in bulk in one pass: Proxmox's inventory, the zone's SRV records and
 * Velocity's registrations.
 *
 * @param containers  vmid → {@code running}, {@code stopped}, … as Proxmox reports it
 * @param srvRecords  full SRV owner name (lower case) → {@code target:port}
 * @param velocity    names registered with Velocity
 */
public record Observation(Map<Integer, String> containers, Map<String, String> srvRecords, Set<String> velocity) {}
