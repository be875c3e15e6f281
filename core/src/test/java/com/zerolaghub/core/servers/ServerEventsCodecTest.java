package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvents;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.TeardownPhase;
import com.zerolaghub.events.servers.HostState;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.servers.ServerEvent.*;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServerEventsCodecTest {
  private static final Instant T = Runner.T0;
  private final EventCodec codec = new EventCodec().register(ServerEvents.TYPES);

  private static final List<ServerEvent> SAMPLES = List.of(
      new ServerSlotTaken("s", "o", T), new ServerSlotReleased("s", "o", T),
      new IdempotencyKeyClaimed("s", "o", "k", "h", "op", T), new VmidClaimed("s", 101, T), new VmidReleased("s", 101, T),
      new ServerRequested("s", "o", "op", Runner.GAME, new ResourcePlan("game-4g", 4096, 2, 20), 9000, T),
      new ServerRequested("s", "o", "op", Runner.DEV, new ResourcePlan("dev-standard", 2048, 2, 20), 9001, T),
      new ProvisioningStepStarted("s", "op", ProvisioningPhase.CLONE, 101, 9000, "x-101", null, null, T),
      new ProvisioningStepCompleted("s", "op", ProvisioningPhase.PUSH_CONFIG, null, null, null, null, "ab".repeat(32), T),
      new ProvisioningStepVerified("s", "op", ProvisioningPhase.CLONE, false, "absent", T),
      new ProvisioningFailed("s", "op", ProvisioningPhase.AWAIT_AGENT, "timeout", false, T),
      new ServerReady("s", "op", T),
      new HostActionRequested("s", "o", "op", HostAction.RESTART, T),
      new HostActionStepCompleted("s", "op", HostState.STOPPED, T),
      new HostActionCompleted("s", "op", HostAction.RESTART, HostState.RUNNING, T),
      new HostActionFailed("s", "op", HostAction.STOP, "timeout", null, T),
      new DeletionRequested("s", "o", "op", T),
      new TeardownStepStarted("s", "op", TeardownPhase.DESTROY_CONTAINER, "vmid:101", T),
      new TeardownStepCompleted("s", "op", TeardownPhase.REMOVE_DNS, "find returned none", T),
      new TeardownFailed("s", "op", TeardownPhase.VERIFY_GONE, "CT 101 still listed", true, T),
      new ServerDeleted("s", "o", "op", 101, T),
      new AgentActionRequested("s", "a1", "backup-restore", "b-1", "user:o", T),
      new AgentActionFinished("s", "a1", "backup-restore", true, null, T),
      new ServerEvent.OperationMarkedStale("s", "op", "stale: no progress for 16 min", "r-1", T),
      new ServerEvent.ReprovisionRequested("s", "o", "op", "admin-1", "container lost", T),
      new ServerEvent.IdeOpenedByAdmin("s", "admin-1", "ticket 42: the build hangs", T),
      new ServerEvent.VelocityResyncRequested("s", "admin-1", "proxy restarted", T));

  private DomainEvent roundTrip(ServerEvent e) {
    EventType type = codec.typeOf(e);
    String json = codec.encode(e);
    return codec.decode(new RecordedEvent(1, 1, UUID.randomUUID(), StreamId.of("server", "s"), 1, type.name(), type.version(), json, null, T));
  }

  @Test
  void everyEventTypeIsRegisteredAndSurvivesTheLog() {
    assertThat(SAMPLES.stream().map(Object::getClass).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(ServerEvents.TYPES));
    for (ServerEvent e : SAMPLES) assertThat(roundTrip(e)).isEqualTo(e);
    assertThat(Arrays.stream(ServerEvents.TYPES).map(c -> c.getAnnotation(EventType.class).name()))
        .allMatch(n -> n.startsWith("server."));
  }

  @Test
  void specsAndEnumsUseTheirWireNames() {
    String json = codec.encode(SAMPLES.get(6));
    assertThat(json).contains("\"kind\":\"dev\"").contains("\"codeServer\":true");
    assertThat(codec.encode(SAMPLES.get(7))).contains("\"step\":\"clone\"");
    assertThat(codec.encode(SAMPLES.get(12))).contains("\"action\":\"restart\"");
    assertThat(codec.encode(SAMPLES.get(13))).contains("\"hostState\":\"stopped\"");
  }
}
