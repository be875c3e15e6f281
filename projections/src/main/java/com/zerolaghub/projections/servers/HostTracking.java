package com.zerolaghub.projections.servers;

import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.TeardownPhase;

/** How one event moves a server's host state, as the domain's server state folds it. */
final class HostTracking {
  private HostTracking() {}

  /** The host state after {@code e}, from {@code current}. */
  static HostState after(HostState current, ServerEvent e) {
    if (e instanceof ProvisioningStepStarted s && s.step() == ProvisioningPhase.START_CONTAINER && current == HostState.NONE) {
      return HostState.UNKNOWN;
    }
    if (e instanceof ProvisioningStepCompleted c && c.step() == ProvisioningPhase.START_CONTAINER) return HostState.RUNNING;
    if (e instanceof ServerReady) return HostState.RUNNING;
    if (e instanceof HostActionStepCompleted s) return s.hostState();
    if (e instanceof HostActionCompleted c) return c.hostState();
    if (e instanceof HostActionFailed f && f.observed() != null) return f.observed();
    if (e instanceof TeardownStepCompleted c && c.step() == TeardownPhase.DESTROY_CONTAINER) return HostState.NONE;
    return current;
  }
}
