package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.HostState;

import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import java.time.Instant;

/** The events a host power runner records. */
public final class HostPowerRecords {
  private HostPowerRecords() {}

  /** A power change done and observed. */
  public static HostActionStepCompleted reached(ServerState s, HostState observed, Instant now) {
    return new HostActionStepCompleted(s.serverId(), s.operation().operationId(), observed, now);
  }

  public static HostActionCompleted completed(ServerState s, HostStep.CompleteHostAction step, Instant now) {
    return new HostActionCompleted(s.serverId(), s.operation().operationId(), step.action(), step.hostState(), now);
  }

  /** {@code observed}: the host state seen after the failure, null when it could not be read. */
  public static HostActionFailed failed(ServerState s, String reason, HostState observed, Instant now) {
    return new HostActionFailed(s.serverId(), s.operation().operationId(), actionOf(s.operation().type()), reason, observed, now);
  }

  private static HostAction actionOf(OperationType type) {
    return type == OperationType.START ? HostAction.START : type == OperationType.STOP ? HostAction.STOP : HostAction.RESTART;
  }
}
