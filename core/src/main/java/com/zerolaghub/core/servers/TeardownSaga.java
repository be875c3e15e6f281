package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.TeardownPhase;

import com.zerolaghub.core.servers.TeardownStep.DeregisterVelocity;
import com.zerolaghub.core.servers.TeardownStep.DestroyContainer;
import com.zerolaghub.core.servers.TeardownStep.Done;
import com.zerolaghub.core.servers.TeardownStep.Failed;
import com.zerolaghub.core.servers.TeardownStep.MarkDeleted;
import com.zerolaghub.core.servers.TeardownStep.RemoveDns;
import com.zerolaghub.core.servers.TeardownStep.VerifyGone;

/**
 * Decides the next teardown step from the recorded events: Velocity first (players stop being
 * routed), then DNS, then the container, then a final check. A resource is cleaned up exactly
 * when provisioning recorded an intent for it, so nothing provisioning may have made is missed
 * and nothing it never touched is looked for.
 */
public final class TeardownSaga {

  public TeardownStep next(ServerState s) {
    if (s.serverId() == null || s.lifecycle() != LifecycleState.DELETING) return new Done();
    OperationView op = s.operation();
    if (op.type() == OperationType.DELETE && op.status() == OperationStatus.FAILED) {
      return new Failed(op.phase(), op.reason(), op.needsHuman());
    }
    for (TeardownPhase phase : TeardownPhase.values()) {
      if (!applies(phase, s) || s.teardown().isCompleted(phase)) continue;
      return step(phase, s);
    }
    return new MarkDeleted(s.vmid());
  }

  static boolean applies(TeardownPhase phase, ServerState s) {
    StepProgress<ProvisioningPhase> p = s.provisioning();
    boolean game = s.kind() == ContainerKind.GAME;
    return switch (phase) {
      case DEREGISTER_VELOCITY -> game && p.touched(ProvisioningPhase.REGISTER_VELOCITY);
      case REMOVE_DNS -> game && p.touched(ProvisioningPhase.PUBLISH_DNS);
      case DESTROY_CONTAINER -> s.vmid() != null && p.touched(ProvisioningPhase.CLONE);
      case VERIFY_GONE -> applies(TeardownPhase.DEREGISTER_VELOCITY, s) || applies(TeardownPhase.REMOVE_DNS, s)
          || applies(TeardownPhase.DESTROY_CONTAINER, s);
    };
  }

  private static TeardownStep step(TeardownPhase phase, ServerState s) {
    return switch (phase) {
      case DEREGISTER_VELOCITY -> new DeregisterVelocity(s.slug());
      case REMOVE_DNS -> new RemoveDns(s.slug(), s.dnsRecordId());
      case DESTROY_CONTAINER -> new DestroyContainer(s.vmid());
      case VERIFY_GONE -> new VerifyGone(
          applies(TeardownPhase.DESTROY_CONTAINER, s) ? s.vmid() : null,
          applies(TeardownPhase.REMOVE_DNS, s) ? s.slug() : null,
          applies(TeardownPhase.DEREGISTER_VELOCITY, s) ? s.slug() : null);
    };
  }
}
