package com.zerolaghub.projections.servers;

import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.OperationMarkedStale;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepVerified;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ReprovisionRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import com.zerolaghub.projections.EventTypeNames;
import java.util.Set;

/** Stored type names of the events of a server's life and operations (not claims, not audit records). */
final class ServerEventTypes {
  static final Set<String> LIFE = EventTypeNames.of(
      ServerRequested.class, ProvisioningStepStarted.class, ProvisioningStepCompleted.class, ProvisioningStepVerified.class,
      ProvisioningFailed.class, ServerReady.class, HostActionRequested.class, HostActionStepCompleted.class,
      HostActionCompleted.class, HostActionFailed.class, DeletionRequested.class, TeardownStepStarted.class,
      TeardownStepCompleted.class, TeardownFailed.class, ServerDeleted.class, OperationMarkedStale.class,
      ReprovisionRequested.class);

  private ServerEventTypes() {}
}
