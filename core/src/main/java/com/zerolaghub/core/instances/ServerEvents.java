package com.zerolaghub.core.instances;

import com.zerolaghub.core.instances.ServerEvent.DeletionRequested;
import com.zerolaghub.core.instances.ServerEvent.HostActionCompleted;
import com.zerolaghub.core.instances.ServerEvent.HostActionFailed;
import com.zerolaghub.core.instances.ServerEvent.HostActionRequested;
import com.zerolaghub.core.instances.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.core.instances.ServerEvent.IdempotencyKeyClaimed;
import com.zerolaghub.core.instances.ServerEvent.ProvisioningFailed;
import com.zerolaghub.core.instances.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.core.instances.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.core.instances.ServerEvent.ProvisioningStepVerified;
import com.zerolaghub.core.instances.ServerEvent.ServerDeleted;
import com.zerolaghub.core.instances.ServerEvent.ServerReady;
import com.zerolaghub.core.instances.ServerEvent.ServerRequested;
import com.zerolaghub.core.instances.ServerEvent.ServerSlotReleased;
import com.zerolaghub.core.instances.ServerEvent.ServerSlotTaken;
import com.zerolaghub.core.instances.ServerEvent.TeardownFailed;
import com.zerolaghub.core.instances.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.core.instances.ServerEvent.TeardownStepStarted;
import com.zerolaghub.core.instances.ServerEvent.VmidClaimed;
import com.zerolaghub.core.instances.ServerEvent.VmidReleased;
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
      DeletionRequested.class, TeardownStepStarted.class, TeardownStepCompleted.class, TeardownFailed.class, ServerDeleted.class
  };
}
