package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.HostState;

/** What the host power runner does next. Proxmox start/shutdown are idempotent once status is checked first. */
public sealed interface HostStep {
  /** Operation phases shown while a host action runs. */
  String STOP_PHASE = "stop-host";
  String START_PHASE = "start-host";

  /** Graceful shutdown; already stopped counts as done. Record {@code HostPowerRecords.reached(STOPPED)}. */
  record StopHost(int vmid) implements HostStep {}

  /** Start; already running counts as done. Record {@code HostPowerRecords.reached(RUNNING)}. */
  record StartHost(int vmid) implements HostStep {}

  /** Every power change of the action happened: record {@code HostPowerRecords.completed}. */
  record CompleteHostAction(HostAction action, HostState hostState) implements HostStep {}

  /** No host action is in progress. */
  record Done() implements HostStep {}
}
