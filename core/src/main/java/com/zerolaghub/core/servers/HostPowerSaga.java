package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.HostState;

import com.zerolaghub.core.servers.HostStep.CompleteHostAction;
import com.zerolaghub.core.servers.HostStep.Done;
import com.zerolaghub.core.servers.HostStep.StartHost;
import com.zerolaghub.core.servers.HostStep.StopHost;
import java.util.Set;

/** Next power change of the current host action: start, stop, or restart as stop then start. */
public final class HostPowerSaga {

  public HostStep next(ServerState s) {
    OperationView op = s.operation();
    if (op == null || !op.type().isHostAction() || !op.inProgress()) return new Done();
    Set<HostState> reached = s.hostStepsReached();
    int vmid = s.vmid();
    switch (op.type()) {
      case START:
        return reached.contains(HostState.RUNNING) ? new CompleteHostAction(HostAction.START, HostState.RUNNING) : new StartHost(vmid);
      case STOP:
        return reached.contains(HostState.STOPPED) ? new CompleteHostAction(HostAction.STOP, HostState.STOPPED) : new StopHost(vmid);
      default: // RESTART
        if (!reached.contains(HostState.STOPPED)) return new StopHost(vmid);
        if (!reached.contains(HostState.RUNNING)) return new StartHost(vmid);
        return new CompleteHostAction(HostAction.RESTART, HostState.RUNNING);
    }
  }
}
