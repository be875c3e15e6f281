package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.ProvisioningPhase;

import com.zerolaghub.core.servers.ProvisioningStep.AllocateVmid;
import com.zerolaghub.core.servers.ProvisioningStep.AwaitAgent;
import com.zerolaghub.core.servers.ProvisioningStep.AwaitCloneTask;
import com.zerolaghub.core.servers.ProvisioningStep.Clone;
import com.zerolaghub.core.servers.ProvisioningStep.Done;
import com.zerolaghub.core.servers.ProvisioningStep.Failed;
import com.zerolaghub.core.servers.ProvisioningStep.GiveUp;
import com.zerolaghub.core.servers.ProvisioningStep.MarkReady;
import com.zerolaghub.core.servers.ProvisioningStep.PublishDns;
import com.zerolaghub.core.servers.ProvisioningStep.PushAgentConfig;
import com.zerolaghub.core.servers.ProvisioningStep.RegisterVelocity;
import com.zerolaghub.core.servers.ProvisioningStep.SetResources;
import com.zerolaghub.core.servers.ProvisioningStep.StartContainer;
import com.zerolaghub.core.servers.ProvisioningStep.VerifyCloneOutcome;

/**
 * Decides the next provisioning step from the recorded events alone, so a runner that crashed
 * anywhere resumes correctly: the first phase without an outcome runs next. A phase whose intent
 * was recorded without outcome is resumed by checking when repeating it is unsafe (the clone),
 * and simply repeated when it is idempotent (resources, start, config, DNS after a find,
 * Velocity).
 */
public final class ProvisioningSaga {
  private final ProvisioningSettings settings;

  public ProvisioningSaga(ProvisioningSettings settings) {
    this.settings = settings;
  }

  public ProvisioningStep next(ServerState s) {
    if (s.serverId() == null || s.lifecycle() != LifecycleState.PROVISIONING) {
      if (s.lifecycle() == LifecycleState.FAILED && s.operation().type() == OperationType.PROVISION) {
        return new Failed(s.operation().phase(), s.operation().reason(), s.operation().needsHuman());
      }
      return new Done();
    }
    StepProgress<ProvisioningPhase> p = s.provisioning();
    for (ProvisioningPhase phase : ProvisioningPhase.forKind(s.kind())) {
      if (p.isCompleted(phase)) continue;
      if (phase == ProvisioningPhase.CLONE && p.isOpen(phase)) {
        return new VerifyCloneOutcome(s.vmid(), s.templateVmid(), s.slug());
      }
      if (p.attempts(phase) >= settings.maxAttemptsPerStep()) {
        return new GiveUp(phase, "gave up on " + phase.wireName() + " after " + p.attempts(phase) + " attempts");
      }
      return step(phase, s);
    }
    return new MarkReady();
  }

  private ProvisioningStep step(ProvisioningPhase phase, ServerState s) {
    ResourcePlan r = s.resources();
    return switch (phase) {
      case ALLOCATE_VMID -> new AllocateVmid();
      case CLONE -> new Clone(s.vmid(), s.templateVmid(), s.slug());
      case AWAIT_CLONE -> new AwaitCloneTask(s.vmid(), s.upid());
      case SET_RESOURCES -> new SetResources(s.vmid(), r.memoryMib(), r.cores(), r.diskGib());
      case START_CONTAINER -> new StartContainer(s.vmid());
      case AWAIT_AGENT -> new AwaitAgent(s.vmid(), s.address());
      case PUSH_CONFIG -> new PushAgentConfig(s.vmid(), s.address(), AgentConfig.of(s));
      case PUBLISH_DNS -> new PublishDns(s.slug());
      case REGISTER_VELOCITY -> new RegisterVelocity(s.slug(), s.address(), settings.gamePort());
    };
  }
}
