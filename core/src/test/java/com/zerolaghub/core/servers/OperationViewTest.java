package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.HostState;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationViewTest {
  private static final Instant T = Runner.T0;
  private static final ServerRequested REQUESTED = new ServerRequested("s1", "owner-1", "op-1", Runner.GAME,
      new ResourcePlan("game-4g", 4096, 2, 20), 9000, T);

  @Test
  void aProvisioningOperationIsQueuedThenRunningWithItsPhaseThenSucceeded() {
    List<ServerEvent> events = new ArrayList<>(List.of(REQUESTED));
    OperationView queued = OperationViews.fold(events).get("op-1");
    assertThat(queued.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(queued.type()).isEqualTo(OperationType.PROVISION);
    assertThat(queued.ownerId()).isEqualTo("owner-1");
    assertThat(queued.phase()).isNull();

    events.add(new ProvisioningStepStarted("s1", "op-1", ProvisioningPhase.CLONE, 10234, 9000, "x-10234", null, null, T.plusSeconds(1)));
    OperationView running = OperationViews.fold(events).get("op-1");
    assertThat(running.status()).isEqualTo(OperationStatus.RUNNING);
    assertThat(running.phase()).isEqualTo("clone");

    events.add(new ServerReady("s1", "op-1", T.plusSeconds(9)));
    OperationView done = OperationViews.fold(events).get("op-1");
    assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(done.requestedAt()).isEqualTo(T);
    assertThat(done.updatedAt()).isEqualTo(T.plusSeconds(9));
  }

  @Test
  void aFailedOperationCarriesItsReasonAndFailedPhase() {
    Map<String, OperationView> views = OperationViews.fold(List.of(REQUESTED,
        new ProvisioningStepCompleted("s1", "op-1", ProvisioningPhase.ALLOCATE_VMID, 10234, null, null, null, null, T),
        new ProvisioningFailed("s1", "op-1", ProvisioningPhase.CLONE, "template 9000 missing", true, T)));
    OperationView failed = views.get("op-1");
    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.phase()).isEqualTo("clone");
    assertThat(failed.reason()).isEqualTo("template 9000 missing");
    assertThat(failed.needsHuman()).isTrue();
  }

  @Test
  void everyOperationOfAServersLifeIsKeptUnderItsOwnId() {
    Runner runner = new Runner();
    ServerState s = runner.stopped(Runner.DEV);
    s = runner.hostAction(s, HostAction.START, "op-start");
    runner.record(s, HostPowerRecords.failed(s, "start timed out", HostState.STOPPED, runner.now()));

    // The log holds a provisioning, a stop and a failed start; each operation keeps its own view.
    Map<String, OperationView> views = OperationViews.fold(runner.log);
    assertThat(views).containsOnlyKeys("op-create-api-lab", "op-stop", "op-start");
    assertThat(views.get("op-create-api-lab").status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(views.get("op-stop").type()).isEqualTo(OperationType.STOP);
    assertThat(views.get("op-stop").status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(views.get("op-start").status()).isEqualTo(OperationStatus.FAILED);
    assertThat(views.get("op-start").reason()).isEqualTo("start timed out");
  }

  @Test
  void aLateDuplicateNeverReopensAFinishedOperation() {
    Map<String, OperationView> views = OperationViews.fold(List.of(REQUESTED, new ServerReady("s1", "op-1", T),
        new ProvisioningStepStarted("s1", "op-1", ProvisioningPhase.CLONE, 1, 9000, "x", null, null, T)));
    assertThat(views.get("op-1").status()).isEqualTo(OperationStatus.SUCCEEDED);
  }
}
