package com.zerolaghub.events.servers;

import com.zerolaghub.events.servers.ServerEvent.AgentActionFinished;
import com.zerolaghub.events.servers.ServerEvent.AgentActionRequested;
import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.IdempotencyKeyClaimed;
import com.zerolaghub.events.servers.ServerEvent.OperationMarkedStale;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepVerified;
import com.zerolaghub.events.servers.ServerEvent.ReprovisionRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerSlotReleased;
import com.zerolaghub.events.servers.ServerEvent.ServerSlotTaken;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import com.zerolaghub.events.servers.ServerEvent.VmidClaimed;
import com.zerolaghub.events.servers.ServerEvent.VmidReleased;
import com.zerolaghub.events.DomainEvent;

/** Every server event class, for {@code EventCodec.register(ServerEvents.TYPES)}. */
public final class ServerEvents {
  private ServerEvents() {}

  @SuppressWarnings("unchecked")
  public static final Class<? extends DomainEvent>[] TYPES = new Class[] {
      ServerSlotTaken.class, ServerSlotReleased.class, IdempotencyKeyClaimed.class, VmidClaimed.class, VmidReleased.class,
      ServerRequested.class, ProvisioningStepStarted.class, ProvisioningStepCompleted.class, ProvisioningStepVerified.class,
      ProvisioningFailed.class, ServerReady.class,
      HostActionRequested.class, HostActionStepCompleted.class, HostActionCompleted.class, HostActionFailed.class,
      DeletionRequested.class, TeardownStepStarted.class, TeardownStepCompleted.class, TeardownFailed.class, ServerDeleted.class,
      AgentActionRequested.class, AgentActionFinished.class, OperationMarkedStale.class, ReprovisionRequested.class,
      ServerEvent.IdeOpenedByAdmin.class, ServerEvent.VelocityResyncRequested.class
  };
}
