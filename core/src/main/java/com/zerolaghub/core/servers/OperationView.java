package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.HostState;

import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepVerified;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ReprovisionRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.OperationMarkedStale;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import java.time.Instant;

/**
 * One operation as a client polls it ({@code GET /api/operations/:id}) or receives it over the
 * WebSocket: {@code queued}; {@code running} with the phase last started or finished;
 * {@code succeeded}; {@code failed} with a reason. {@code phase} is a step's wire name.
 */
public record OperationView(
    String operationId,
    String serverId,
    String ownerId,
    OperationType type,
    OperationStatus status,
    String phase,
    String reason,
    boolean needsHuman,
    Instant requestedAt,
    Instant updatedAt) {

  public boolean inProgress() {
    return !status.finished();
  }

  /**
   * The view after {@code e}: a new view for an event that opens an operation, the updated
   * {@code current} for one of its later events; {@code current} unchanged for another
   * operation's event. {@code current} may be null (a reader that starts mid-history).
   */
  public static OperationView next(OperationView current, OperationEvent e) {
    if (e instanceof ServerRequested r) return queued(r.operationId(), r.serverId(), r.ownerId(), OperationType.PROVISION, r.at());
    if (e instanceof HostActionRequested r) return queued(r.operationId(), r.serverId(), r.ownerId(), r.action().operationType(), r.at());
    if (e instanceof ReprovisionRequested r) return queued(r.operationId(), r.serverId(), r.ownerId(), OperationType.PROVISION, r.at());
    if (e instanceof DeletionRequested r) return queued(r.operationId(), r.serverId(), r.ownerId(), OperationType.DELETE, r.at());
    if (current == null || !current.operationId().equals(e.operationId())) return current;

    if (e instanceof ProvisioningStepStarted s) return current.running(s.step().wireName(), s.at());
    if (e instanceof ProvisioningStepCompleted s) return current.running(s.step().wireName(), s.at());
    if (e instanceof ProvisioningStepVerified s) return current.running(s.step().wireName(), s.at());
    if (e instanceof HostActionStepCompleted s) {
      return current.running(s.hostState() == HostState.RUNNING ? HostStep.START_PHASE : HostStep.STOP_PHASE, s.at());
    }
    if (e instanceof TeardownStepStarted s) return current.running(s.step().wireName(), s.at());
    if (e instanceof TeardownStepCompleted s) return current.running(s.step().wireName(), s.at());

    if (e instanceof ServerReady || e instanceof HostActionCompleted || e instanceof ServerDeleted) {
      return current.with(OperationStatus.SUCCEEDED, null, null, false, e.at());
    }
    if (e instanceof ProvisioningFailed f) return current.with(OperationStatus.FAILED, f.step().wireName(), f.reason(), f.needsHuman(), f.at());
    if (e instanceof HostActionFailed f) return current.with(OperationStatus.FAILED, current.phase, f.reason(), false, f.at());
    if (e instanceof TeardownFailed f) return current.with(OperationStatus.FAILED, f.step().wireName(), f.reason(), f.needsHuman(), f.at());
    if (e instanceof OperationMarkedStale m) return current.with(OperationStatus.FAILED, current.phase, m.reason(), true, m.at());
    return current;
  }

  static OperationView queued(String operationId, String serverId, String ownerId, OperationType type, Instant at) {
    return new OperationView(operationId, serverId, ownerId, type, OperationStatus.QUEUED, null, null, false, at, at);
  }

  private OperationView running(String phase, Instant at) {
    if (status.finished()) return this; // a late duplicate never reopens a finished operation
    return with(OperationStatus.RUNNING, phase, null, false, at);
  }

  private OperationView with(OperationStatus status, String phase, String reason, boolean needsHuman, Instant at) {
    return new OperationView(operationId, serverId, ownerId, type, status, phase, reason, needsHuman, requestedAt, at);
  }
}
