package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.HostState;

import static com.zerolaghub.core.servers.Runner.ADDRESS;
import static com.zerolaghub.core.servers.Runner.UPID;
import static com.zerolaghub.core.servers.Runner.VMID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.command.Rejection;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningSagaTest {
  private final Runner runner = new Runner();
  private final ProvisioningSaga saga = runner.saga;

  private List<ProvisioningStep> walk(ServerState s) {
    List<ProvisioningStep> steps = new ArrayList<>();
    ProvisioningStep step;
    while (!((step = saga.next(s)) instanceof Done)) {
      steps.add(step);
      s = runner.perform(s, step);
    }
    steps.add(step);
    return steps;
  }

  @Test
  void aGameServerWalksThroughEveryStepToDone() {
    List<ProvisioningStep> steps = walk(runner.requested(Runner.GAME));
    String slug = "survival-" + VMID;
    assertThat(steps).containsExactly(
        new AllocateVmid(),
        new Clone(VMID, 9000, slug),
        new AwaitCloneTask(VMID, UPID),
        new SetResources(VMID, 4096, 2, 20),
        new StartContainer(VMID),
        new AwaitAgent(VMID, ADDRESS),
        new PushAgentConfig(VMID, ADDRESS,
            new AgentConfig("srv-survival", ContainerKind.GAME, "survival", "vanilla", 4096, null, null, null)),
        new PublishDns(slug),
        new RegisterVelocity(slug, ADDRESS, 25565),
        new MarkReady(),
        new Done());
  }

  @Test
  void aReadyGameServerRecordsItsOutcomesButNoSecret() {
    ServerState s = runner.provisioned(Runner.GAME);
    assertThat(s.lifecycle()).isEqualTo(LifecycleState.RUNNING);
    assertThat(s.hostState()).isEqualTo(HostState.RUNNING);
    assertThat(s.vmid()).isEqualTo(VMID);
    assertThat(s.address()).isEqualTo(ADDRESS);
    assertThat(s.dnsRecordId()).isEqualTo("cf-rec-1");
    assertThat(s.velocityRegistered()).isTrue();
    assertThat(s.agentTokenHash()).isEqualTo(Runner.sha256("agent-secret")).doesNotContain("agent-secret");
    assertThat(s.operation().status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThatThrownBy(() -> ProvisioningRecords.configPushed(s, "agent-secret", Runner.T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDevServerSkipsDnsAndVelocityAndCarriesTheCodeServerFlagIntoTheAgentConfig() {
    List<ProvisioningStep> steps = walk(runner.requested(Runner.DEV));
    assertThat(steps).noneMatch(s -> s instanceof PublishDns || s instanceof RegisterVelocity);
    assertThat(steps).filteredOn(s -> s instanceof Clone).singleElement()
        .isEqualTo(new Clone(VMID, 9001, "api-lab-" + VMID));
    assertThat(steps).filteredOn(s -> s instanceof SetResources).singleElement()
        .isEqualTo(new SetResources(VMID, 4096, 2, 20));
    assertThat(steps).filteredOn(s -> s instanceof PushAgentConfig).singleElement()
        .extracting(s -> ((PushAgentConfig) s).config())
        .isEqualTo(new AgentConfig("srv-api-lab", ContainerKind.DEV, "api-lab", null, 4096, "python", "3.12", true));
    assertThat(steps.subList(steps.size() - 2, steps.size())).containsExactly(new MarkReady(), new Done());
  }

  @Test
  void aCrashAfterEachIntentResumesByCheckingOrRepeatingAndNeverSchedulesASecondClone() {
    // Walk a game server, crashing once at every step: intent recorded, outcome missing.
    ServerState s = runner.requested(Runner.GAME);
    List<ProvisioningStep> issued = new ArrayList<>();
    ProvisioningStep step;
    while (!((step = saga.next(s)) instanceof Done)) {
      issued.add(step);
      ServerState crashed = runner.crashAfterIntent(s, step);
      ProvisioningStep resumed = saga.next(crashed);
      issued.add(resumed);
      if (step instanceof Clone c) {
        assertThat(resumed).isEqualTo(new VerifyCloneOutcome(c.vmid(), c.templateVmid(), c.hostname()));
      } else {
        assertThat(resumed).as("resuming %s", step).isEqualTo(step);
      }
      s = runner.perform(crashed, resumed);
      if (resumed instanceof VerifyCloneOutcome) {
        assertThat(saga.next(s)).isEqualTo(new AwaitCloneTask(VMID, null)); // found in the inventory: wait for its lock
      }
    }
    assertThat(issued).filteredOn(x -> x instanceof Clone).hasSize(1);
    assertThat(s.lifecycle()).isEqualTo(LifecycleState.RUNNING);
  }

  @Test
  void aCloneFoundAbsentIsRedoneToTheSamePreallocatedVmid() {
    ServerState s = runner.requested(Runner.GAME);
    s = runner.perform(s, saga.next(s)); // vmid allocated
    Clone clone = (Clone) saga.next(s);
    s = runner.crashAfterIntent(s, clone);
    assertThat(saga.next(s)).isInstanceOf(VerifyCloneOutcome.class);
    // Repeated checks before the verification is recorded stay checks.
    assertThat(saga.next(s)).isInstanceOf(VerifyCloneOutcome.class);

    s = runner.record(s, ProvisioningRecords.cloneVerified(s, false, "CT 10234 not in inventory", runner.now()));
    assertThat(saga.next(s)).isEqualTo(clone);
    assertThat(s.provisioning().attempts(ProvisioningPhase.CLONE)).isEqualTo(1);
  }

  @Test
  void onlyTheCloneIsUnsafeToRetryAutomatically() {
    assertThat(new Clone(VMID, 9000, "x").retrySafe()).isFalse();
    assertThat(List.of(new AllocateVmid(), new VerifyCloneOutcome(VMID, 9000, "x"), new AwaitCloneTask(VMID, UPID),
        new SetResources(VMID, 1, 1, 1), new StartContainer(VMID), new AwaitAgent(VMID, ADDRESS),
        new PushAgentConfig(VMID, ADDRESS, null), new PublishDns("x"), new RegisterVelocity("x", ADDRESS, 1)))
        .allMatch(ProvisioningStep.Act::retrySafe);
  }

  @Test
  void aFailedStepYieldsFailedAndNoFurtherSteps() {
    ServerState s = runner.requested(Runner.GAME);
    for (int i = 0; i < 3; i++) s = runner.perform(s, saga.next(s)); // allocate, clone, await clone
    SetResources set = (SetResources) saga.next(s);
    s = runner.crashAfterIntent(s, set);
    s = runner.record(s, ProvisioningRecords.failed(s, ProvisioningPhase.SET_RESOURCES, "Proxmox answered 500: storage full", false, runner.now()));

    Failed expected = new Failed("set-resources", "Proxmox answered 500: storage full", false);
    assertThat(saga.next(s)).isEqualTo(expected);
    assertThat(saga.next(s)).isEqualTo(expected);
    assertThat(s.lifecycle()).isEqualTo(LifecycleState.FAILED);
    ServerState failed = s;
    assertThatThrownBy(() -> runner.record(failed, ProvisioningRecords.resourcesSet(failed, runner.now())))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("operation-finished"));
  }

  @Test
  void aStepThatKeepsCrashingIsGivenUpForAHuman() {
    ServerState s = runner.requested(Runner.DEV);
    for (int i = 0; i < 4; i++) s = runner.perform(s, saga.next(s)); // up to set resources
    ProvisioningStep start = saga.next(s);
    for (int i = 0; i < ProvisioningSettings.DEFAULT_MAX_ATTEMPTS_PER_STEP; i++) {
      assertThat(saga.next(s)).isEqualTo(start);
      s = runner.crashAfterIntent(s, start);
    }
    ProvisioningStep next = saga.next(s);
    assertThat(next).isInstanceOf(GiveUp.class);
    s = runner.record(s, ProvisioningRecords.gaveUp(s, (GiveUp) next, runner.now()));
    assertThat(saga.next(s)).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.needsHuman()).isTrue());
  }

  @Test
  void aDuplicateOutcomeFromARacingRunnerIsDropped() {
    ServerState s = runner.requested(Runner.GAME);
    s = runner.perform(s, saga.next(s));
    s = runner.perform(s, saga.next(s)); // clone started
    var again = ProvisioningRecords.cloneStarted(s, "UPID:other", runner.now());
    assertThat(runner.decider.decide(new ServerCommand.Record(again), s)).isEmpty();
  }
}
