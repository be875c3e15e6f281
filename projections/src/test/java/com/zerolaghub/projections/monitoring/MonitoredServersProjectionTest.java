package com.zerolaghub.projections.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ResourcePlan;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.EventType;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection.Model;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Monitored servers read model")
class MonitoredServersProjectionTest {
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private final MonitoredServersProjection projection = new MonitoredServersProjection();
  private final Model<MonitoredServers> model = projection.newModel();
  private long position;

  @Test
  void aReadyServerIsATargetWithItsLabelsButNoOwnerInTheTarget() {
    readyGame("s1", "owner-1", 101, "10.0.0.11");

    MonitoredServers view = model.view();
    assertThat(view.activeTargets()).singleElement().satisfies(s -> {
      assertThat(s.serverId()).isEqualTo("s1");
      assertThat(s.vmid()).isEqualTo(101);
      assertThat(s.address()).isEqualTo("10.0.0.11");
      assertThat(s.kind()).isEqualTo(ContainerKind.GAME);
      assertThat(s.name()).isEqualTo("survival");
      assertThat(s.variant()).isEqualTo("vanilla");
      assertThat(s.plan()).isEqualTo("g4");
      assertThat(s.hostname()).isEqualTo("survival-101");
      assertThat(s.lifecycle()).isEqualTo(Lifecycle.RUNNING);
    });
    assertThat(view.byVmid(101)).map(MonitoredServer::ownerId).hasValue("owner-1");
  }

  @Test
  void aProvisioningServerIsNotATargetYet() {
    apply(requestedDev("d1", "o", T0));
    apply(new ServerEvent.ProvisioningStepCompleted("d1", "op-d1", ProvisioningPhase.ALLOCATE_VMID, 201, null, null, null, null, T0));
    apply(new ServerEvent.ProvisioningStepCompleted("d1", "op-d1", ProvisioningPhase.START_CONTAINER, null, null, "10.0.0.21", null, null, T0));

    assertThat(model.view().activeTargets()).isEmpty();
    apply(new ServerEvent.ServerReady("d1", "op-d1", T0));
    assertThat(model.view().activeTargets()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(ContainerKind.DEV);
      assertThat(s.runtime()).isEqualTo("node");
      assertThat(s.runtimeVersion()).isEqualTo("20");
      assertThat(s.plan()).isEqualTo("dev-small");
    });
  }

  @Test
  void deletionRequestLeavesDiscoveryAtOnceAndDeletionReleasesTheVmid() {
    readyGame("s1", "o", 101, "10.0.0.11");
    apply(new ServerEvent.DeletionRequested("s1", "o", "del-1", T0));

    MonitoredServers deleting = model.view();
    assertThat(deleting.activeTargets()).isEmpty();
    assertThat(deleting.everTargets()).singleElement().extracting(MonitoredServer::lifecycle).isEqualTo(Lifecycle.DELETING);
    assertThat(deleting.byVmid(101)).isPresent();

    apply(new ServerEvent.ServerDeleted("s1", "o", "del-1", 101, T0));
    MonitoredServers deleted = model.view();
    assertThat(deleted.byVmid(101)).isEmpty();
    assertThat(deleted.everTargets()).singleElement().extracting(MonitoredServer::lifecycle).isEqualTo(Lifecycle.DELETED);

    readyGame("s2", "o2", 101, "10.0.0.12");
    assertThat(model.view().byVmid(101)).map(MonitoredServer::serverId).hasValue("s2");
  }

  @Test
  void aStoppedHostLeavesDiscoveryAndComesBackWhenStarted() {
    readyGame("s1", "o", 101, "10.0.0.11");
    apply(new ServerEvent.HostActionRequested("s1", "o", "stop-1", HostAction.STOP, T0));
    apply(new ServerEvent.HostActionCompleted("s1", "stop-1", HostAction.STOP, HostState.STOPPED, T0));
    assertThat(model.view().activeTargets()).isEmpty();
    assertThat(model.view().count(Lifecycle.STOPPED, ContainerKind.GAME)).isEqualTo(1);

    apply(new ServerEvent.HostActionStepCompleted("s1", "start-1", HostState.RUNNING, T0));
    assertThat(model.view().activeTargets()).hasSize(1);
  }

  @Test
  void aFailedServerStaysFailedWhateverItsHostDoes() {
    apply(requestedGame("s1", "o", T0));
    apply(new ServerEvent.ProvisioningFailed("s1", "op-s1", ProvisioningPhase.CLONE, "clone task failed", true, T0));
    apply(new ServerEvent.HostActionCompleted("s1", "start-1", HostAction.START, HostState.RUNNING, T0));

    MonitoredServers view = model.view();
    assertThat(view.count(Lifecycle.FAILED, ContainerKind.GAME)).isEqualTo(1);
    assertThat(view.count(Lifecycle.RUNNING, ContainerKind.GAME)).isZero();
  }

  @Test
  void countsFollowEveryTransition() {
    readyGame("s1", "o", 101, "10.0.0.11");
    readyGame("s2", "o", 102, "10.0.0.12");
    apply(requestedDev("d1", "o", T0));
    apply(new ServerEvent.DeletionRequested("s2", "o", "del-2", T0));

    MonitoredServers view = model.view();
    assertThat(view.count(Lifecycle.RUNNING, ContainerKind.GAME)).isEqualTo(1);
    assertThat(view.count(Lifecycle.DELETING, ContainerKind.GAME)).isEqualTo(1);
    assertThat(view.count(Lifecycle.PROVISIONING, ContainerKind.DEV)).isEqualTo(1);
    assertThat(view.count(Lifecycle.PROVISIONING, ContainerKind.GAME)).isZero();
    assertThat(view.size()).isEqualTo(3);
  }

  @Test
  void provisioningBacklogIsEveryRequestNotYetReadyFailedOrAbandoned() {
    apply(requestedGame("a", "o", T0));
    apply(requestedGame("b", "o", T0.plusSeconds(10)));
    apply(requestedDev("c", "o", T0.plusSeconds(20)));
    assertThat(model.view().provisioningPending()).isEqualTo(3);
    assertThat(model.view().oldestProvisioningSince()).isEqualTo(T0);

    apply(new ServerEvent.ServerReady("a", "op-a", T0));
    assertThat(model.view().oldestProvisioningSince()).isEqualTo(T0.plusSeconds(10));
    apply(new ServerEvent.ProvisioningFailed("b", "op-b", ProvisioningPhase.CLONE, "x", false, T0));
    apply(new ServerEvent.DeletionRequested("c", "o", "del-c", T0));

    MonitoredServers view = model.view();
    assertThat(view.provisioningPending()).isZero();
    assertThat(view.oldestProvisioningSince()).isNull();
  }

  @Test
  void aPublishedViewNeverChangesAfterwards() {
    readyGame("s1", "o", 101, "10.0.0.11");
    MonitoredServers before = model.view();
    apply(new ServerEvent.DeletionRequested("s1", "o", "del-1", T0));
    MonitoredServers after = model.view();

    assertThat(before.activeTargets()).hasSize(1);
    assertThat(after.activeTargets()).isEmpty();
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(after.checkpoint()).isGreaterThan(before.checkpoint());
  }

  @Test
  void manyServersSortByVmidAndSurviveSnapshotsOfFewChanges() {
    for (int i = 0; i < 500; i++) readyGame("s" + i, "o", 1000 + (i * 7919) % 500, "10.1." + (i / 250) + "." + (i % 250));
    MonitoredServers first = model.view();
    apply(new ServerEvent.DeletionRequested("s7", "o", "del", T0));
    MonitoredServers second = model.view();

    assertThat(first.activeTargets()).hasSize(500).isSortedAccordingTo(Comparator.comparing(MonitoredServer::vmid));
    assertThat(second.activeTargets()).hasSize(499).noneMatch(s -> s.serverId().equals("s7"));
    assertThat(second.server("s8")).containsSame(first.server("s8").orElseThrow());
  }

  @Test
  void handlesOnlyTheServerEventsItFolds() {
    assertThat(projection.handles("server.requested")).isTrue();
    assertThat(projection.handles("server.deletion-requested")).isTrue();
    assertThat(projection.handles("server.slot-taken")).isFalse();
    assertThat(projection.handles("account.registered")).isFalse();
  }

  private void readyGame(String id, String owner, int vmid, String address) {
    apply(requestedGame(id, owner, T0));
    apply(new ServerEvent.ProvisioningStepCompleted(id, "op-" + id, ProvisioningPhase.ALLOCATE_VMID, vmid, null, null, null, null, T0));
    apply(new ServerEvent.ProvisioningStepStarted(id, "op-" + id, ProvisioningPhase.CLONE, vmid, 9000, "survival-" + vmid, null, null, T0));
    apply(new ServerEvent.ProvisioningStepCompleted(id, "op-" + id, ProvisioningPhase.START_CONTAINER, null, null, address, null, null, T0));
    apply(new ServerEvent.ServerReady(id, "op-" + id, T0));
  }

  private static ServerEvent requestedGame(String id, String owner, Instant at) {
    return new ServerEvent.ServerRequested(id, owner, "op-" + id, new ServerSpec.Game("survival", "vanilla", "g4"),
        new ResourcePlan("g4", 4096, 2, 20), 9000, at);
  }

  private static ServerEvent requestedDev(String id, String owner, Instant at) {
    return new ServerEvent.ServerRequested(id, owner, "op-" + id, new ServerSpec.Dev("sandbox", "node", "20", true),
        new ResourcePlan("dev-small", 2048, 1, 10), 9100, at);
  }

  private void apply(ServerEvent event) {
    position++;
    String type = event.getClass().getAnnotation(EventType.class).name();
    RecordedEvent recorded = new RecordedEvent(position, position, UUID.randomUUID(), StreamId.of("server", event.serverId()),
        position, type, 1, "{}", EventMetadata.system("test"), T0);
    if (!projection.handles(type)) return; // the runtime skips these undecoded
    model.apply(new DecodedEvent(recorded, event));
  }
}
