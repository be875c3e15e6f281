package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.HostState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.ServerCommand.RequestDeletion;
import com.zerolaghub.core.servers.ServerCommand.RequestHostAction;
import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerDeciderTest {
  private final Runner runner = new Runner();
  private final ServerDecider decider = runner.decider;
  private final Requester owner = Requester.customer(Runner.OWNER);

  private List<ServerEvent> delete(ServerState s, Requester who) {
    return decider.decide(new RequestDeletion(who, "op-delete", runner.now()), s);
  }

  private static void assertRejected(Runnable r, Rejection.Kind kind, String code) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(Rejection.class, e -> {
      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.code()).isEqualTo(code);
    });
  }

  @Test
  void anOutcomeAndTheNextIntentRecordedTogetherEndAsTwoSeparateRecordsWouldAndACrashAfterThemRepeatsTheStep() {
    ServerState s = runner.requested(Runner.GAME);
    for (int i = 0; i < 4; i++) s = runner.perform(s, runner.saga.next(s)); // allocate, clone, await clone, set resources
    ProvisioningStep start = runner.saga.next(s);
    assertThat(start).isInstanceOf(ProvisioningStep.StartContainer.class);
    s = runner.record(s, ProvisioningRecords.intent(s, (ProvisioningStep.Act) start, runner.now()));
    ServerState started = s;

    ServerEvent.OperationEvent outcome = ProvisioningRecords.containerStarted(started, "127.0.10.1", runner.now());
    ServerState afterOutcome = started.apply(outcome);
    ProvisioningStep.Act awaitAgent = (ProvisioningStep.Act) runner.saga.next(afterOutcome);
    ProvisioningStep.Act pushConfig = (ProvisioningStep.Act) runner.saga.next(runner.record(afterOutcome,
        ProvisioningRecords.agentReachable(afterOutcome, runner.now())));
    ServerState reachable = runner.record(afterOutcome, ProvisioningRecords.agentReachable(afterOutcome, runner.now()));
    ServerEvent.OperationEvent nextIntent = ProvisioningRecords.intent(reachable, pushConfig, runner.now());
    List<ServerEvent> both = decider.decide(new ServerCommand.RecordInOrder(List.of(
        ProvisioningRecords.agentReachable(afterOutcome, runner.now()), nextIntent)), afterOutcome);

    assertThat(awaitAgent).isInstanceOf(ProvisioningStep.AwaitAgent.class);
    assertThat(both).hasSize(2);
    ServerState crashed = runner.apply(afterOutcome, both);
    assertThat(crashed.provisioning().isOpen(ProvisioningPhase.PUSH_CONFIG)).isTrue();
    assertThat(runner.saga.next(crashed)).as("an idempotent step whose intent has no outcome runs again")
        .isInstanceOf(ProvisioningStep.PushAgentConfig.class);
  }

  @Test
  void recordingInOrderDropsAnAlreadyRecordedOutcomeAndStillRecordsWhatFollows() {
    ServerState s = runner.requested(Runner.GAME);
    for (int i = 0; i < 3; i++) s = runner.perform(s, runner.saga.next(s)); // through the clone task's end
    ServerState cloned = s;
    ServerEvent.OperationEvent again = ProvisioningRecords.cloneFinished(cloned, runner.now());
    ProvisioningStep.Act resources = (ProvisioningStep.Act) runner.saga.next(cloned);
    List<ServerEvent> decided = decider.decide(new ServerCommand.RecordInOrder(List.of(again,
        ProvisioningRecords.intent(cloned, resources, runner.now()))), cloned);
    assertThat(decided).singleElement().isInstanceOf(ServerEvent.ProvisioningStepStarted.class);
  }

  @Test
  void recordingInOrderRefusesAStaleOperationAsASingleRecordDoes() {
    ServerState s = runner.requested(Runner.GAME);
    ServerState requested = s;
    ServerEvent.OperationEvent stale = new ServerEvent.ProvisioningStepCompleted(requested.serverId(), "op-other",
        ProvisioningPhase.AWAIT_CLONE, null, null, null, null, null, runner.now());
    assertRejected(() -> decider.decide(new ServerCommand.RecordInOrder(List.of(stale)), requested),
        Rejection.Kind.CONFLICT, "stale-operation");
  }

  @Test
  void deleteIsRefusedWhileTheHostRunsAndNothingIsStopped() {
    ServerState running = runner.provisioned(Runner.GAME);
    assertThatThrownBy(() -> delete(running, owner)).isInstanceOfSatisfying(Rejection.class, e -> {
      assertThat(e.kind()).isEqualTo(Rejection.Kind.CONFLICT);
      assertThat(e.code()).isEqualTo("host-running");
      assertThat(e.getMessage()).isEqualTo("Please stop the host first");
    });
    assertThat(new HostPowerSaga().next(running)).isEqualTo(new HostStep.Done()); // no stop was scheduled
    assertThat(new TeardownSaga().next(running)).isEqualTo(new TeardownStep.Done());
  }

  @Test
  void deleteOfAStoppedServerStartsATeardownOperation() {
    ServerState stopped = runner.stopped(Runner.GAME);
    assertThat(stopped.lifecycle()).isEqualTo(LifecycleState.STOPPED);
    List<ServerEvent> events = delete(stopped, owner);
    assertThat(events).singleElement().isInstanceOf(DeletionRequested.class);
    ServerState deleting = runner.apply(stopped, events);
    assertThat(deleting.lifecycle()).isEqualTo(LifecycleState.DELETING);
    assertThat(deleting.operation().type()).isEqualTo(OperationType.DELETE);
    assertThat(deleting.operation().status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(delete(deleting, owner)).as("a second delete joins the running one").isEmpty();
  }

  @Test
  void aServerWhoseProvisioningFailedBeforeItsHostStartedCanBeDeleted() {
    ServerState s = runner.requested(Runner.DEV);
    s = runner.perform(s, runner.saga.next(s));
    s = runner.record(s, ProvisioningRecords.failed(s, ProvisioningPhase.CLONE, "template 9001 missing", true, runner.now()));
    assertThat(delete(s, owner)).singleElement().isInstanceOf(DeletionRequested.class);
  }

  @Test
  void aFailedServerWhoseHostMayRunMustBeStoppedFirstAndCanOnlyBeStopped() {
    ServerState s = runner.requested(Runner.GAME);
    for (int i = 0; i < 4; i++) s = runner.perform(s, runner.saga.next(s)); // through set resources
    s = runner.crashAfterIntent(s, runner.saga.next(s)); // start intent: the host may run
    s = runner.record(s, ProvisioningRecords.failed(s, ProvisioningPhase.START_CONTAINER, "start timed out", false, runner.now()));
    ServerState failed = s;

    assertThatThrownBy(() -> delete(failed, owner)).hasMessage("Please stop the host first");
    assertRejected(() -> runner.hostAction(failed, HostAction.START, "op-start"), Rejection.Kind.CONFLICT, "server-failed");
    ServerState stopped = runner.runHostAction(runner.hostAction(failed, HostAction.STOP, "op-stop"));
    assertThat(stopped.lifecycle()).isEqualTo(LifecycleState.FAILED);
    assertThat(stopped.hostState()).isEqualTo(HostState.STOPPED);
    assertThat(delete(stopped, owner)).singleElement().isInstanceOf(DeletionRequested.class);
  }

  @Test
  void anAdministratorsReprovisionStartsProvisioningAgainAtTheCloneOnTheSameVmid() {
    ServerState ready = runner.provisioned(Runner.GAME);
    Requester admin = new Requester("admin-9", true);
    assertRejected(() -> decider.decide(new ServerCommand.RequestReprovision(owner, "op-re", "gone", runner.now()), ready),
        Rejection.Kind.NOT_FOUND, "server-not-found");
    assertRejected(() -> decider.decide(new ServerCommand.RequestReprovision(admin, "op-re", "gone", runner.now()),
        runner.requested(Runner.GAME)), Rejection.Kind.CONFLICT, "operation-in-progress");

    List<ServerEvent> decided = decider.decide(new ServerCommand.RequestReprovision(admin, "op-re", "disk lost", runner.now()), ready);
    assertThat(decided).singleElement().isInstanceOfSatisfying(ServerEvent.ReprovisionRequested.class, e -> {
      assertThat(e.requestedBy()).isEqualTo("admin-9");
      assertThat(e.reason()).isEqualTo("disk lost");
      assertThat(e.ownerId()).isEqualTo(Runner.OWNER);
    });
    ServerState again = runner.apply(ready, decided);
    assertThat(again.lifecycle()).isEqualTo(LifecycleState.PROVISIONING);
    assertThat(again.operation().type()).isEqualTo(OperationType.PROVISION);
    assertThat(again.operation().operationId()).isEqualTo("op-re");
    assertThat(again.vmid()).isEqualTo(ready.vmid());
    assertThat(runner.saga.next(again)).isEqualTo(new ProvisioningStep.Clone(ready.vmid(), ready.templateVmid(), ready.slug()));
    assertRejected(() -> runner.hostAction(again, HostAction.START, "op-x"), Rejection.Kind.CONFLICT, "operation-in-progress");
  }

  @Test
  void hostActionsAndDeleteAreRefusedWhileAnotherOperationRuns() {
    ServerState provisioning = runner.requested(Runner.GAME);
    assertRejected(() -> runner.hostAction(provisioning, HostAction.START, "op-x"), Rejection.Kind.CONFLICT, "operation-in-progress");

    ServerState restarting = runner.hostAction(runner.provisioned(Runner.GAME), HostAction.RESTART, "op-restart");
    assertRejected(() -> runner.hostAction(restarting, HostAction.STOP, "op-y"), Rejection.Kind.CONFLICT, "operation-in-progress");
    ServerState halfRestarted = runner.record(restarting, HostPowerRecords.reached(restarting, HostState.STOPPED, runner.now()));
    assertRejected(() -> delete(halfRestarted, owner), Rejection.Kind.CONFLICT, "operation-in-progress");
  }

  @Test
  void restartIsStopThenStart() {
    ServerState s = runner.hostAction(runner.provisioned(Runner.GAME), HostAction.RESTART, "op-restart");
    HostPowerSaga power = new HostPowerSaga();
    List<HostStep> steps = new ArrayList<>();
    for (HostStep step = power.next(s); !(step instanceof HostStep.Done); step = power.next(s)) {
      steps.add(step);
      if (step instanceof HostStep.StopHost) s = runner.record(s, HostPowerRecords.reached(s, HostState.STOPPED, runner.now()));
      else if (step instanceof HostStep.StartHost) s = runner.record(s, HostPowerRecords.reached(s, HostState.RUNNING, runner.now()));
      else s = runner.record(s, HostPowerRecords.completed(s, (HostStep.CompleteHostAction) step, runner.now()));
    }
    assertThat(steps).containsExactly(new HostStep.StopHost(Runner.VMID), new HostStep.StartHost(Runner.VMID),
        new HostStep.CompleteHostAction(HostAction.RESTART, HostState.RUNNING));
    assertThat(s.lifecycle()).isEqualTo(LifecycleState.RUNNING);
    assertThat(s.operation().status()).isEqualTo(OperationStatus.SUCCEEDED);
  }

  @Test
  void aFailedStopLeavesTheHostAsObservedAndDeleteStillRefused() {
    ServerState s = runner.hostAction(runner.provisioned(Runner.GAME), HostAction.STOP, "op-stop");
    s = runner.record(s, HostPowerRecords.failed(s, "shutdown timed out", HostState.RUNNING, runner.now()));
    assertThat(s.operation().status()).isEqualTo(OperationStatus.FAILED);
    ServerState after = s;
    assertThatThrownBy(() -> delete(after, owner)).hasMessage("Please stop the host first");
  }

  @Test
  void aNonOwnerLearnsNothingButAnAdminMayAct() {
    ServerState stopped = runner.stopped(Runner.GAME);
    Requester stranger = Requester.customer("someone-else");
    assertRejected(() -> delete(stopped, stranger), Rejection.Kind.NOT_FOUND, "server-not-found");
    assertRejected(() -> decider.decide(new RequestHostAction(stranger, HostAction.START, "op", runner.now()), stopped),
        Rejection.Kind.NOT_FOUND, "server-not-found");
    assertThat(delete(stopped, new Requester("admin-1", true))).hasSize(1);
  }

  @Test
  void recordsOfAnotherOperationAreRefusedAsStale() {
    ServerState s = runner.requested(Runner.GAME);
    var stale = new ServerEvent.ServerReady(s.serverId(), "op-from-an-old-runner", runner.now());
    assertRejected(() -> runner.record(s, stale), Rejection.Kind.CONFLICT, "stale-operation");
  }

  @Test
  void anUnknownOrDeletedServerIsNotFound() {
    assertRejected(() -> delete(ServerState.NONE, owner), Rejection.Kind.NOT_FOUND, "server-not-found");
  }
}
