package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.ProvisioningPhase;

import com.zerolaghub.core.command.Decider;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.ServerCommand.Record;
import com.zerolaghub.core.servers.ServerCommand.RecordInOrder;
import com.zerolaghub.core.servers.ServerCommand.RequestDeletion;
import com.zerolaghub.core.servers.ServerCommand.RequestHostAction;
import com.zerolaghub.core.servers.ServerCommand.RequestReprovision;
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
import com.zerolaghub.events.servers.ServerEvent.ReprovisionRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import com.zerolaghub.events.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules of a server's life after creation: host power, the delete failsafe, and what runners
 * may record. One operation at a time; the platform never stops a host in order to delete it.
 */
public final class ServerDecider implements Decider<ServerCommand, ServerState, ServerEvent> {
  public static final String HOST_RUNNING_MESSAGE = "Please stop the host first";

  public static StreamId stream(String serverId) {
    return ServerStreams.server(serverId);
  }

  @Override
  public ServerState initialState() {
    return ServerState.NONE;
  }

  @Override
  public ServerState evolve(ServerState state, ServerEvent event) {
    return state.apply(event);
  }

  @Override
  public List<ServerEvent> decide(ServerCommand command, ServerState s) {
    if (!s.exists()) throw notFound();
    if (command instanceof RequestHostAction c) return hostAction(c, s);
    if (command instanceof RequestDeletion c) return deletion(c, s);
    if (command instanceof RequestReprovision c) return reprovision(c, s);
    if (command instanceof Record c) return record(c.event(), s);
    if (command instanceof RecordInOrder c) return recordInOrder(c, s);
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static List<ServerEvent> hostAction(RequestHostAction c, ServerState s) {
    checkAccess(c.requester(), s);
    if (s.operationInProgress()) throw operationInProgress(s);
    if (s.lifecycle() == LifecycleState.DELETING) {
      throw new Rejection(Rejection.Kind.CONFLICT, "server-deleting", "This server is being deleted");
    }
    if (s.lifecycle() == LifecycleState.FAILED) {
      // A failed server may still have a running host: stopping it is what lets it be deleted.
      boolean stoppable = c.action() == HostAction.STOP && s.vmid() != null && s.hostState().mayRun();
      if (!stoppable) {
        throw new Rejection(Rejection.Kind.CONFLICT, "server-failed", "Setting up this server failed; it can only be deleted");
      }
    }
    return List.of(new HostActionRequested(s.serverId(), s.ownerId(), c.operationId(), c.action(), c.now()));
  }

  private static List<ServerEvent> deletion(RequestDeletion c, ServerState s) {
    checkAccess(c.requester(), s);
    if (s.operationInProgress()) {
      if (s.operation().type() == OperationType.DELETE) return List.of(); // already being deleted: same operation
      throw operationInProgress(s);
    }
    if (s.hostState().mayRun()) throw new Rejection(Rejection.Kind.CONFLICT, "host-running", HOST_RUNNING_MESSAGE);
    return List.of(new DeletionRequested(s.serverId(), s.ownerId(), c.operationId(), c.now()));
  }

  /**
   * Only an administrator, only for a server that was set up (running or stopped, so it has its
   * vmid and name) and has no operation running. Whether the container is really gone is the
   * finding's evidence; the clone to the same vmid is refused by Proxmox if it is not.
   */
  private static List<ServerEvent> reprovision(RequestReprovision c, ServerState s) {
    if (!c.requester().admin()) throw notFound();
    if (s.operationInProgress()) throw operationInProgress(s);
    if (s.vmid() == null || (s.lifecycle() != LifecycleState.RUNNING && s.lifecycle() != LifecycleState.STOPPED)) {
      throw new Rejection(Rejection.Kind.CONFLICT, "not-reprovisionable",
          "Only a server that was set up (running or stopped) is set up again; this one is " + s.lifecycle().name().toLowerCase(Locale.ROOT));
    }
    return List.of(new ReprovisionRequested(s.serverId(), s.ownerId(), c.operationId(), c.requester().userId(), c.reason(), c.now()));
  }

  private static List<ServerEvent> recordInOrder(RecordInOrder c, ServerState s) {
    List<ServerEvent> decided = new ArrayList<>();
    ServerState at = s;
    for (OperationEvent e : c.events()) {
      for (ServerEvent d : record(e, at)) {
        decided.add(d);
        at = at.apply(d);
      }
    }
    return decided;
  }

  private static List<ServerEvent> record(OperationEvent e, ServerState s) {
    if (!e.serverId().equals(s.serverId())) throw new IllegalArgumentException("event for " + e.serverId() + " sent to " + s.serverId());
    if (e instanceof ServerRequested || e instanceof HostActionRequested || e instanceof DeletionRequested
        || e instanceof ReprovisionRequested) {
      throw new IllegalArgumentException("operations are opened by requests, not records: " + e);
    }
    if (e instanceof ServerDeleted) throw new IllegalArgumentException("deletion is appended atomically: TeardownRecords.deleted");
    if (e instanceof ProvisioningStepCompleted c && c.step() == ProvisioningPhase.ALLOCATE_VMID) {
      throw new IllegalArgumentException("vmid allocation is appended atomically: ProvisioningRecords.vmidAllocated");
    }
    OperationView op = s.operation();
    if (!op.operationId().equals(e.operationId())) {
      throw new Rejection(Rejection.Kind.CONFLICT, "stale-operation",
          "operation " + e.operationId() + " is not the current operation of server " + s.serverId());
    }
    checkFamily(e, op.type());
    if (!op.inProgress()) {
      if (isTerminal(e)) return List.of(); // the same ending recorded twice
      throw new Rejection(Rejection.Kind.CONFLICT, "operation-finished", "operation " + op.operationId() + " has finished");
    }
    return isDuplicate(e, s) ? List.of() : List.of(e);
  }

  private static boolean isDuplicate(OperationEvent e, ServerState s) {
    if (e instanceof ProvisioningStepStarted x) return s.provisioning().isCompleted(x.step());
    if (e instanceof ProvisioningStepCompleted x) return s.provisioning().isCompleted(x.step());
    if (e instanceof ProvisioningStepVerified x) return !s.provisioning().isOpen(x.step());
    if (e instanceof TeardownStepStarted x) return s.teardown().isCompleted(x.step());
    if (e instanceof TeardownStepCompleted x) return s.teardown().isCompleted(x.step());
    if (e instanceof HostActionStepCompleted x) return s.hostStepsReached().contains(x.hostState());
    if (e instanceof ServerReady) {
      for (ProvisioningPhase p : ProvisioningPhase.forKind(s.kind())) {
        if (!s.provisioning().isCompleted(p)) throw new IllegalArgumentException("not ready: " + p.wireName() + " has no outcome");
      }
    }
    return false;
  }

  private static boolean isTerminal(OperationEvent e) {
    return e instanceof ServerReady || e instanceof ProvisioningFailed || e instanceof HostActionCompleted
        || e instanceof HostActionFailed || e instanceof TeardownFailed;
  }

  private static void checkFamily(OperationEvent e, OperationType type) {
    boolean ok;
    if (e instanceof ProvisioningStepStarted || e instanceof ProvisioningStepCompleted || e instanceof ProvisioningStepVerified
        || e instanceof ProvisioningFailed || e instanceof ServerReady) {
      ok = type == OperationType.PROVISION;
    } else if (e instanceof HostActionStepCompleted || e instanceof HostActionCompleted || e instanceof HostActionFailed) {
      ok = type.isHostAction();
    } else {
      ok = type == OperationType.DELETE;
    }
    if (!ok) throw new IllegalArgumentException(e.getClass().getSimpleName() + " does not belong to a " + type.wireName() + " operation");
  }

  /** A non-owner learns nothing, not even that the server exists. */
  private static void checkAccess(Requester r, ServerState s) {
    if (!r.admin() && !s.ownedBy(r.userId())) throw notFound();
  }

  private static Rejection notFound() {
    return new Rejection(Rejection.Kind.NOT_FOUND, "server-not-found", "no such server");
  }

  private static Rejection operationInProgress(ServerState s) {
    return new Rejection(Rejection.Kind.CONFLICT, "operation-in-progress",
        "Another operation (" + s.operation().type().wireName() + ") is in progress on this server; try again when it finishes");
  }
}
