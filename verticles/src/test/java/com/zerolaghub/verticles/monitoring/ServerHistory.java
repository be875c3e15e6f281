package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ResourcePlan;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Server lives written straight into the log, as the provisioning and teardown workers would
 * write them. Each method appends to {@code server/<id>} and answers the checkpoint of its last
 * event, to wait for a read model to have applied it.
 */
final class ServerHistory {
  private final EventStore store;

  ServerHistory(EventStore store) {
    this.store = store;
  }

  static List<ServerEvent> readyGame(String id, String owner, int vmid, String address, Instant at) {
    List<ServerEvent> events = new ArrayList<>(requestedGame(id, owner, at));
    events.addAll(placed(id, vmid, "survival-" + vmid, address, at));
    events.add(new ServerEvent.ServerReady(id, "op-" + id, at));
    return events;
  }

  static List<ServerEvent> readyDev(String id, String owner, int vmid, String address, Instant at) {
    List<ServerEvent> events = new ArrayList<>();
    events.add(new ServerEvent.ServerRequested(id, owner, "op-" + id, new ServerSpec.Dev("sandbox", "node", "20", true),
        new ResourcePlan("dev-small", 2048, 1, 10), 9100, at));
    events.addAll(placed(id, vmid, "sandbox-" + vmid, address, at));
    events.add(new ServerEvent.ServerReady(id, "op-" + id, at));
    return events;
  }

  static List<ServerEvent> requestedGame(String id, String owner, Instant at) {
    return List.of(new ServerEvent.ServerRequested(id, owner, "op-" + id, new ServerSpec.Game("survival", "vanilla", "g4"),
        new ResourcePlan("g4", 4096, 2, 20), 9000, at));
  }

  static List<ServerEvent> placed(String id, int vmid, String hostname, String address, Instant at) {
    return List.of(
        new ServerEvent.ProvisioningStepCompleted(id, "op-" + id, ProvisioningPhase.ALLOCATE_VMID, vmid, null, null, null, null, at),
        new ServerEvent.ProvisioningStepStarted(id, "op-" + id, ProvisioningPhase.CLONE, vmid, 9000, hostname, null, null, at),
        new ServerEvent.ProvisioningStepCompleted(id, "op-" + id, ProvisioningPhase.START_CONTAINER, null, null, address, null, null, at));
  }

  static List<ServerEvent> deletionRequested(String id, String owner, Instant at) {
    return List.of(new ServerEvent.DeletionRequested(id, owner, "del-" + id, at));
  }

  static List<ServerEvent> deleted(String id, String owner, int vmid, Instant at) {
    return List.of(new ServerEvent.ServerDeleted(id, owner, "del-" + id, vmid, at));
  }

  static List<ServerEvent> stopped(String id, Instant at) {
    return List.of(new ServerEvent.HostActionCompleted(id, "stop-" + id, HostAction.STOP, HostState.STOPPED, at));
  }

  /** Appends {@code events} to their server's stream; the checkpoint of the last one. */
  Future<Checkpoint> append(List<ServerEvent> events) {
    List<NewEvent> batch = new ArrayList<>();
    for (ServerEvent e : events) batch.add(NewEvent.of(e, EventMetadata.system("test:monitoring")));
    return store.append(StreamId.of("server", events.get(0).serverId()), ExpectedVersion.ANY, batch)
        .map(r -> r.events().get(r.events().size() - 1).checkpoint());
  }
}
