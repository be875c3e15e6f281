package com.zerolaghub.projections.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ResourcePlan;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection.Model;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Server directory: the operations worker's pending work")
class ServerDirectoryProjectionTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private final ServerDirectoryProjection projection = new ServerDirectoryProjection();
  private final Model<ServerDirectory> model = projection.newModel();
  private long position;

  @Test
  void openOperationsComeOldestFirstAndLeaveWhenTheyEnd() {
    apply(requested("b", T0.plusSeconds(5)));
    apply(requested("a", T0));
    apply(requested("c", T0.plusSeconds(9)));
    assertThat(model.view().openOperations()).extracting(ServerDirectory.Operation::operationId)
        .containsExactly("op-a", "op-b", "op-c");

    apply(new ServerEvent.ServerReady("a", "op-a", T0.plusSeconds(20)));
    apply(new ServerEvent.ProvisioningFailed("c", "op-c", ProvisioningPhase.CLONE, "clone task failed", false, T0.plusSeconds(21)));
    ServerDirectory view = model.view();
    assertThat(view.openOperations()).extracting(ServerDirectory.Operation::operationId).containsExactly("op-b");
    assertThat(view.operation("op-a")).hasValueSatisfying(op -> assertThat(op.finished()).isTrue());
  }

  @Test
  void progressMovesLastEventAtButNotTheOperationsPlaceInLine() {
    apply(requested("a", T0));
    apply(requested("b", T0.plusSeconds(1)));
    apply(new ServerEvent.ProvisioningStepCompleted("a", "op-a", ProvisioningPhase.ALLOCATE_VMID, 101, null, null, null, null,
        T0.plusSeconds(30)));

    ServerDirectory view = model.view();
    assertThat(view.openOperations()).extracting(ServerDirectory.Operation::operationId).containsExactly("op-a", "op-b");
    assertThat(view.openOperations().iterator().next().lastEventAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(view.server("a")).hasValueSatisfying(s -> assertThat(s.vmid()).isEqualTo(101));
  }

  @Test
  void anEarlierViewDoesNotChangeWhenLaterEventsAreApplied() {
    apply(requested("a", T0));
    ServerDirectory before = model.view();

    apply(new ServerEvent.ServerReady("a", "op-a", T0.plusSeconds(3)));
    apply(new ServerEvent.HostActionRequested("a", "o", "stop-1", HostAction.STOP, T0.plusSeconds(4)));
    apply(requested("z", T0.plusSeconds(5)));

    assertThat(before.openOperations()).extracting(ServerDirectory.Operation::operationId).containsExactly("op-a");
    assertThat(before.server("z")).isEmpty();
    assertThat(before.serverCount()).isEqualTo(1);
    assertThat(model.view().openOperations()).extracting(ServerDirectory.Operation::operationId).containsExactly("stop-1", "op-z");
  }

  private static ServerEvent requested(String id, Instant at) {
    return new ServerEvent.ServerRequested(id, "o", "op-" + id, new ServerSpec.Game("survival", "vanilla", "g4"),
        new ResourcePlan("g4", 4096, 2, 20), 9000, at);
  }

  private void apply(ServerEvent event) {
    position++;
    String type = event.getClass().getAnnotation(EventType.class).name();
    RecordedEvent recorded = new RecordedEvent(position, position, UUID.randomUUID(), StreamId.of("server", event.serverId()),
        position, type, 1, "{}", EventMetadata.system("test"), T0);
    if (!projection.handles(type)) return;
    model.apply(new DecodedEvent(recorded, event));
  }
}
