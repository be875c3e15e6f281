package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.TeardownPhase;
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
import com.zerolaghub.events.servers.ServerEvent.ReprovisionRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.OperationMarkedStale;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A server folded from {@code server/<serverId>}. {@code operation} is the current or last
 * operation. Outcome fields ({@code vmid}, {@code upid}, {@code address}, {@code dnsRecordId},
 * {@code agentTokenHash}) are null until the step that produces them completes.
 * {@code hostStepsReached}: host states reached by the current host operation (a restart
 * reaches STOPPED, then RUNNING).
 */
public record ServerState(
    String serverId,
    String ownerId,
    ServerSpec spec,
    ResourcePlan resources,
    int templateVmid,
    Instant createdAt,
    LifecycleState lifecycle,
    HostState hostState,
    Integer vmid,
    String hostname,
    String upid,
    String address,
    String dnsRecordId,
    String agentTokenHash,
    boolean velocityRegistered,
    OperationView operation,
    StepProgress<ProvisioningPhase> provisioning,
    StepProgress<TeardownPhase> teardown,
    Set<HostState> hostStepsReached) {

  public static final ServerState NONE = new ServerState(null, null, null, null, 0, null, null, HostState.NONE,
      null, null, null, null, null, null, false, null, StepProgress.empty(), StepProgress.empty(), Set.of());

  public ServerState {
    hostStepsReached = Set.copyOf(hostStepsReached);
  }

  public static ServerState fold(Iterable<? extends ServerEvent> events) {
    ServerState s = NONE;
    for (ServerEvent e : events) s = s.apply(e);
    return s;
  }

  public boolean exists() {
    return serverId != null && lifecycle != LifecycleState.DELETED;
  }

  public ContainerKind kind() {
    return spec == null ? null : spec.kind();
  }

  public boolean ownedBy(String userId) {
    return ownerId != null && ownerId.equals(userId);
  }

  public boolean operationInProgress() {
    return operation != null && operation.inProgress();
  }

  /**
   * The name players type and Velocity knows this game server by, also the container's
   * hostname: {@code <name>-<vmid>}, unique because vmids are (a DNS label: at most 42 chars).
   */
  public String slug() {
    if (vmid == null) throw new IllegalStateException("no vmid allocated yet for " + serverId);
    return spec.name() + "-" + vmid;
  }

  public ServerState apply(ServerEvent event) {
    if (!(event instanceof OperationEvent e)) return this; // claim events live in other streams
    if (e instanceof ServerRequested r) {
      return new ServerState(r.serverId(), r.ownerId(), r.spec(), r.resources(), r.templateVmid(), r.at(),
          LifecycleState.PROVISIONING, HostState.NONE, null, null, null, null, null, null, false,
          OperationView.next(null, r), StepProgress.empty(), StepProgress.empty(), Set.of());
    }
    Builder b = new Builder(this);
    b.operation = OperationView.next(operation, e);
    if (e instanceof ProvisioningStepStarted s) {
      b.provisioning = provisioning.started(s.step());
      if (s.hostname() != null) b.hostname = s.hostname();
      if (s.step() == ProvisioningPhase.START_CONTAINER && hostState == HostState.NONE) b.hostState = HostState.UNKNOWN;
    } else if (e instanceof ProvisioningStepCompleted c) {
      b.provisioning = provisioning.finished(c.step());
      if (c.vmid() != null) b.vmid = c.vmid();
      if (c.upid() != null) b.upid = c.upid();
      if (c.address() != null) b.address = c.address();
      if (c.dnsRecordId() != null) b.dnsRecordId = c.dnsRecordId();
      if (c.agentTokenHash() != null) b.agentTokenHash = c.agentTokenHash();
      if (c.step() == ProvisioningPhase.START_CONTAINER) b.hostState = HostState.RUNNING;
      if (c.step() == ProvisioningPhase.REGISTER_VELOCITY) b.velocityRegistered = true;
    } else if (e instanceof ProvisioningStepVerified v) {
      b.provisioning = v.happened() ? provisioning.finished(v.step()) : provisioning.foundAbsent(v.step());
    } else if (e instanceof ProvisioningFailed) {
      b.lifecycle = LifecycleState.FAILED;
    } else if (e instanceof ServerReady) {
      b.lifecycle = LifecycleState.RUNNING;
      b.hostState = HostState.RUNNING;
    } else if (e instanceof HostActionRequested) {
      b.hostStepsReached = Set.of();
    } else if (e instanceof HostActionStepCompleted s) {
      Set<HostState> reached = new HashSet<>(hostStepsReached);
      reached.add(s.hostState());
      b.hostStepsReached = reached;
      b.observeHost(s.hostState());
    } else if (e instanceof HostActionCompleted c) {
      b.observeHost(c.hostState());
    } else if (e instanceof HostActionFailed f) {
      if (f.observed() != null) b.observeHost(f.observed());
    } else if (e instanceof ReprovisionRequested) {
      // provisioning again from the clone on: the vmid (and so the name) stays, what lived in the container is gone
      b.lifecycle = LifecycleState.PROVISIONING;
      b.hostState = HostState.NONE;
      b.upid = null;
      b.address = null;
      b.agentTokenHash = null;
      b.velocityRegistered = false;
      b.provisioning = StepProgress.<ProvisioningPhase>empty().finished(ProvisioningPhase.ALLOCATE_VMID);
    } else if (e instanceof DeletionRequested) {
      b.lifecycle = LifecycleState.DELETING;
    } else if (e instanceof TeardownStepStarted s) {
      b.teardown = teardown.started(s.step());
    } else if (e instanceof TeardownStepCompleted c) {
      b.teardown = teardown.finished(c.step());
      if (c.step() == TeardownPhase.DEREGISTER_VELOCITY) b.velocityRegistered = false;
      if (c.step() == TeardownPhase.REMOVE_DNS) b.dnsRecordId = null;
      if (c.step() == TeardownPhase.DESTROY_CONTAINER) {
        b.hostState = HostState.NONE;
        b.address = null;
      }
    } else if (e instanceof TeardownFailed) {
      // stays deleting; a new delete request resumes the teardown
    } else if (e instanceof OperationMarkedStale) {
      // a stale provisioning ends like a failed one; a stale teardown stays deleting (a new delete resumes it)
      if (lifecycle == LifecycleState.PROVISIONING) b.lifecycle = LifecycleState.FAILED;
    } else if (e instanceof ServerDeleted) {
      b.lifecycle = LifecycleState.DELETED;
      b.hostState = HostState.NONE;
    }
    return b.build();
  }

  /** Mutable copy used only while applying one event. */
  private static final class Builder {
    private final ServerState s;
    LifecycleState lifecycle;
    HostState hostState;
    Integer vmid;
    String hostname;
    String upid;
    String address;
    String dnsRecordId;
    String agentTokenHash;
    boolean velocityRegistered;
    OperationView operation;
    StepProgress<ProvisioningPhase> provisioning;
    StepProgress<TeardownPhase> teardown;
    Set<HostState> hostStepsReached;

    Builder(ServerState s) {
      this.s = s;
      lifecycle = s.lifecycle;
      hostState = s.hostState;
      vmid = s.vmid;
      hostname = s.hostname;
      upid = s.upid;
      address = s.address;
      dnsRecordId = s.dnsRecordId;
      agentTokenHash = s.agentTokenHash;
      velocityRegistered = s.velocityRegistered;
      operation = s.operation;
      provisioning = s.provisioning;
      teardown = s.teardown;
      hostStepsReached = s.hostStepsReached;
    }

    /** A failed server keeps its lifecycle; a ready one follows its host. */
    void observeHost(HostState observed) {
      hostState = observed;
      if (lifecycle == LifecycleState.RUNNING || lifecycle == LifecycleState.STOPPED) {
        if (observed == HostState.RUNNING) lifecycle = LifecycleState.RUNNING;
        if (observed == HostState.STOPPED) lifecycle = LifecycleState.STOPPED;
      }
    }

    ServerState build() {
      return new ServerState(s.serverId, s.ownerId, s.spec, s.resources, s.templateVmid, s.createdAt, lifecycle, hostState,
          vmid, hostname, upid, address, dnsRecordId, agentTokenHash, velocityRegistered, operation, provisioning, teardown,
          hostStepsReached);
    }
  }
}
