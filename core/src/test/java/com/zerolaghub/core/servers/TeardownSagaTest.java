package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.TeardownPhase;

import static com.zerolaghub.core.servers.Runner.VMID;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.servers.ServerEvent.ServerSlotReleased;
import com.zerolaghub.events.servers.ServerEvent.ServerSlotTaken;
import com.zerolaghub.events.servers.ServerEvent.VmidClaimed;
import com.zerolaghub.events.servers.ServerEvent.VmidReleased;
import com.zerolaghub.core.servers.TeardownStep.DeregisterVelocity;
import com.zerolaghub.core.servers.TeardownStep.DestroyContainer;
import com.zerolaghub.core.servers.TeardownStep.Done;
import com.zerolaghub.core.servers.TeardownStep.MarkDeleted;
import com.zerolaghub.core.servers.TeardownStep.RemoveDns;
import com.zerolaghub.core.servers.TeardownStep.VerifyGone;
import com.zerolaghub.events.ExpectedVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeardownSagaTest {
  private final Runner runner = new Runner();
  private final TeardownSaga saga = new TeardownSaga();

  private ServerState deleting(ServerState s) {
    return runner.apply(s, runner.decider.decide(
        new ServerCommand.RequestDeletion(Requester.customer(Runner.OWNER), "op-delete", runner.now()), s));
  }

  private ServerState perform(ServerState s, TeardownStep step) {
    if (step instanceof MarkDeleted) {
      OwnerSlots slots = OwnerSlots.fold(List.of(new ServerSlotTaken(s.serverId(), s.ownerId(), Runner.T0)));
      VmidClaim claim = VmidClaim.fold(VMID, List.of(new VmidClaimed(s.serverId(), VMID, Runner.T0)));
      List<PlannedAppend> appends = TeardownRecords.deleted(s, 99, slots, claim, runner.now());
      return runner.apply(s, appends.get(0).events());
    }
    TeardownStep.Act act = (TeardownStep.Act) step;
    if (act.recordsIntent()) s = runner.record(s, TeardownRecords.intent(s, act, runner.now()));
    return runner.record(s, TeardownRecords.completed(s, act.phase(), "checked: absent", runner.now()));
  }

  private List<TeardownStep> walk(ServerState s) {
    List<TeardownStep> steps = new ArrayList<>();
    TeardownStep step;
    while (!((step = saga.next(s)) instanceof Done)) {
      steps.add(step);
      s = perform(s, step);
    }
    assertThat(s.lifecycle()).isEqualTo(LifecycleState.DELETED);
    assertThat(s.operation().status()).isEqualTo(OperationStatus.SUCCEEDED);
    return steps;
  }

  @Test
  void aGameServerIsTornDownVelocityThenDnsThenContainerThenVerified() {
    String slug = "survival-" + VMID;
    assertThat(walk(deleting(runner.stopped(Runner.GAME)))).containsExactly(
        new DeregisterVelocity(slug),
        new RemoveDns(slug, "cf-rec-1"),
        new DestroyContainer(VMID),
        new VerifyGone(VMID, slug, slug),
        new MarkDeleted(VMID));
  }

  @Test
  void aDevServerHasNoDnsOrVelocityToRemove() {
    assertThat(walk(deleting(runner.stopped(Runner.DEV)))).containsExactly(
        new DestroyContainer(VMID), new VerifyGone(VMID, null, null), new MarkDeleted(VMID));
  }

  @Test
  void onlyWhatProvisioningTouchedIsCleanedUp() {
    // Failed after the DNS intent: the record may exist although its id was never recorded.
    ServerState s = runner.requested(Runner.GAME);
    for (int i = 0; i < 7; i++) s = runner.perform(s, runner.saga.next(s)); // through push config
    s = runner.crashAfterIntent(s, runner.saga.next(s));
    s = runner.record(s, ProvisioningRecords.failed(s, ProvisioningPhase.PUBLISH_DNS, "Cloudflare 500", false, runner.now()));
    s = runner.runHostAction(runner.hostAction(s, HostAction.STOP, "op-stop"));
    String slug = "survival-" + VMID;
    assertThat(walk(deleting(s))).containsExactly(
        new RemoveDns(slug, null), new DestroyContainer(VMID), new VerifyGone(VMID, slug, null), new MarkDeleted(VMID));
  }

  @Test
  void aServerThatFailedBeforeItsCloneOnlyReleasesItsVmid() {
    ServerState s = runner.requested(Runner.GAME);
    s = runner.perform(s, runner.saga.next(s));
    s = runner.record(s, ProvisioningRecords.failed(s, ProvisioningPhase.CLONE, "Proxmox unreachable", false, runner.now()));
    assertThat(walk(deleting(s))).containsExactly(new MarkDeleted(VMID));
  }

  @Test
  void aCrashMidStepRepeatsTheSameCheckedStep() {
    ServerState s = deleting(runner.stopped(Runner.GAME));
    s = perform(s, saga.next(s)); // velocity gone
    TeardownStep dns = saga.next(s);
    s = runner.record(s, TeardownRecords.intent(s, (TeardownStep.Act) dns, runner.now()));
    assertThat(saga.next(s)).isEqualTo(dns);
  }

  @Test
  void aFailedTeardownIsResumedByANewDeleteFromWhereItStopped() {
    ServerState s = deleting(runner.stopped(Runner.GAME));
    s = perform(s, saga.next(s));
    s = perform(s, saga.next(s));
    s = runner.record(s, TeardownRecords.failed(s, TeardownPhase.DESTROY_CONTAINER, "CT is locked", false, runner.now()));
    assertThat(saga.next(s)).isEqualTo(new TeardownStep.Failed("destroy-container", "CT is locked", false));
    ServerState retried = runner.apply(s, runner.decider.decide(
        new ServerCommand.RequestDeletion(Requester.customer(Runner.OWNER), "op-delete-2", runner.now()), s));
    assertThat(retried.operation().operationId()).isEqualTo("op-delete-2");
    assertThat(saga.next(retried)).isEqualTo(new DestroyContainer(VMID));
  }

  @Test
  void deletionReleasesTheSlotAndTheVmidTogetherWithTheLastEvent() {
    ServerState s = deleting(runner.stopped(Runner.GAME));
    OwnerSlots slots = OwnerSlots.fold(List.of(
        new ServerSlotTaken("other", Runner.OWNER, Runner.T0), new ServerSlotTaken(s.serverId(), Runner.OWNER, Runner.T0)));
    VmidClaim claim = VmidClaim.fold(VMID, List.of(new VmidClaimed(s.serverId(), VMID, Runner.T0)));
    List<PlannedAppend> appends = TeardownRecords.deleted(s, 42, slots, claim, runner.now());
    assertThat(appends).extracting(PlannedAppend::stream).containsExactly(
        ServerStreams.server(s.serverId()), ServerStreams.ownerServers(Runner.OWNER), ServerStreams.vmid(VMID));
    assertThat(appends).extracting(PlannedAppend::expected).containsExactly(
        ExpectedVersion.exactly(42), ExpectedVersion.exactly(2), ExpectedVersion.exactly(1));
    assertThat(appends.get(1).events()).singleElement().isInstanceOf(ServerSlotReleased.class);
    assertThat(appends.get(2).events()).singleElement().isInstanceOf(VmidReleased.class);

    OwnerSlots after = OwnerSlots.fold(List.of(new ServerSlotTaken("other", Runner.OWNER, Runner.T0),
        new ServerSlotTaken(s.serverId(), Runner.OWNER, Runner.T0), (ServerSlotReleased) appends.get(1).events().get(0)));
    assertThat(after.serverIds()).containsExactly("other");
    VmidClaim freed = VmidClaim.fold(VMID, List.of(new VmidClaimed(s.serverId(), VMID, Runner.T0), appends.get(2).events().get(0)));
    assertThat(freed.free()).isTrue();
    assertThat(freed.expected()).isEqualTo(ExpectedVersion.exactly(2));
  }
}
