package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.controller.RepairEvent.RepairFailed;
import com.zerolaghub.events.controller.RepairEvent.RepairPlanned;
import com.zerolaghub.events.controller.RepairEvent.RepairStarted;
import com.zerolaghub.events.controller.RepairEvent.RepairSucceeded;
import com.zerolaghub.events.controller.RepairEvent.RepairWithdrawn;
import com.zerolaghub.events.servers.ServerEvent.OperationMarkedStale;
import io.vertx.core.Future;
import java.util.List;

/**
 * The controller's only writes to the log: drift found and cleared ({@code drift/<key>}), a
 * repair's life ({@code repair/<id>}: planned at version 1, then withdrawn or started, then
 * succeeded or failed, each at its expected version so two writers never both record one step),
 * an administrator's claim to run one by hand ({@code repair-run/<id>}), and an operation ended
 * as stale on its server's stream. The store given is the one the caller would append to; the
 * drift pass's metadata carries the controller's fence.
 */
final class RepairActions {
  private final EventStore store;

  RepairActions(EventStore store) {
    this.store = store;
  }

  /** A finding's change (found or cleared) on its drift stream, whatever that stream's version. */
  Future<Checkpoint> drift(String findingKey, DomainEvent event, EventMetadata metadata) {
    return store.append(DriftPass.streamOf(findingKey), ExpectedVersion.ANY, List.of(NewEvent.of(event, metadata)))
        .map(r -> last(r.events()));
  }

  /** A new repair's first event; its stream must not exist yet. */
  Future<Checkpoint> planned(RepairPlanned planned, EventMetadata metadata) {
    return store.append(repair(planned.repairId()), ExpectedVersion.NO_STREAM, List.of(NewEvent.of(planned, metadata)))
        .map(r -> last(r.events()));
  }

  /** Withdraws a repair still only planned (version 1); fails with a wrong version when it started meanwhile. */
  Future<Checkpoint> withdrawn(RepairWithdrawn withdrawn, EventMetadata metadata) {
    return store.append(repair(withdrawn.repairId()), ExpectedVersion.exactly(1), List.of(NewEvent.of(withdrawn, metadata)))
        .map(r -> last(r.events()));
  }

  /** The repair started (after its plan, version 1); fails with a wrong version when another writer was first. */
  Future<Void> started(RepairStarted started, EventMetadata metadata) {
    return store.append(repair(started.repairId()), ExpectedVersion.exactly(1), List.of(NewEvent.of(started, metadata)))
        .mapEmpty();
  }

  /** The repair's outcome (after its start, version 2). */
  Future<Void> succeeded(RepairSucceeded succeeded, EventMetadata metadata) {
    return store.append(repair(succeeded.repairId()), ExpectedVersion.exactly(2), List.of(NewEvent.of(succeeded, metadata)))
        .mapEmpty();
  }

  /** The repair's outcome (after its start, version 2). */
  Future<Void> failed(RepairFailed failed, EventMetadata metadata) {
    return store.append(repair(failed.repairId()), ExpectedVersion.exactly(2), List.of(NewEvent.of(failed, metadata)))
        .mapEmpty();
  }

  /** An administrator's claim to run a repair by hand: the claim stream must not exist, so a repair runs by hand once. */
  Future<Void> runClaimed(String repairId, NewEvent claim) {
    return store.append(StreamId.of("repair-run", repairId), ExpectedVersion.NO_STREAM, List.of(claim)).mapEmpty();
  }

  /** Ends an open operation as stale on its server's stream, at the version read just before. */
  Future<Void> markedStale(OperationMarkedStale stale, EventMetadata metadata) {
    StreamId stream = ServerStreams.server(stale.serverId());
    return store.readStream(stream).compose(events -> store.append(stream, ExpectedVersion.exactly(events.size()),
        List.of(NewEvent.of(stale, metadata)))).mapEmpty();
  }

  private static StreamId repair(String repairId) {
    return StreamId.of("repair", repairId);
  }

  private static Checkpoint last(List<RecordedEvent> events) {
    return events.get(events.size() - 1).checkpoint();
  }
}
