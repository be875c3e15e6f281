package com.zerolaghub.projections.monitoring;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.EventTypeNames;
import com.zerolaghub.projections.MemoryProjection;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Servers for monitoring, in memory on every node: Prometheus discovery targets and their labels,
 * vmid ownership for the metrics summary, lifecycle counts and the provisioning backlog. A
 * server leaves discovery when its deletion is requested (teardown starts), not when it ends.
 */
public final class MonitoredServersProjection implements MemoryProjection<MonitoredServers> {
  public static final String NAME = "monitored_servers";

  private static final Set<String> HANDLED = EventTypeNames.of(
      ServerRequested.class, ProvisioningStepStarted.class, ProvisioningStepCompleted.class, ProvisioningFailed.class,
      ServerReady.class, HostActionStepCompleted.class, HostActionCompleted.class, HostActionFailed.class,
      DeletionRequested.class, ServerDeleted.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String eventType) {
    return HANDLED.contains(eventType);
  }

  @Override
  public Model<MonitoredServers> newModel() {
    return new ServersModel();
  }

  /** The mutable fold; confined to the projection runtime's context. */
  static final class ServersModel implements Model<MonitoredServers> {
    private record Pending(Instant since, String serverId) {}

    private static final Comparator<Pending> OLDEST_FIRST =
        Comparator.comparing(Pending::since).thenComparing(Pending::serverId);

    private final ShardedMap<String, MonitoredServer> byId = new ShardedMap<>();
    private final ShardedMap<Integer, String> byVmid = new ShardedMap<>();
    private final int[] counts = new int[MonitoredServers.countSlots()];
    private final TreeSet<Pending> pending = new TreeSet<>(OLDEST_FIRST);
    private Checkpoint checkpoint = Checkpoint.START;
    private long version;

    @Override
    public void apply(DecodedEvent decoded) {
      checkpoint = decoded.checkpoint();
      if (!(decoded.event() instanceof ServerEvent event)) return;
      if (event instanceof ServerRequested r) {
        requested(r);
        return;
      }
      MonitoredServer s = byId.get(event.serverId());
      if (s == null) return; // its request predates nothing we know: cannot happen in a whole log
      if (event instanceof ProvisioningStepStarted p) {
        place(s, p.vmid(), p.hostname(), p.address());
      } else if (event instanceof ProvisioningStepCompleted c) {
        place(s, c.vmid(), null, c.address());
      } else if (event instanceof ProvisioningFailed) {
        change(s, Lifecycle.FAILED);
      } else if (event instanceof ServerReady) {
        change(s, Lifecycle.RUNNING);
      } else if (event instanceof HostActionStepCompleted h) {
        observeHost(s, h.hostState());
      } else if (event instanceof HostActionCompleted h) {
        observeHost(s, h.hostState());
      } else if (event instanceof HostActionFailed h) {
        if (h.observed() != null) observeHost(s, h.observed());
      } else if (event instanceof DeletionRequested) {
        change(s, Lifecycle.DELETING);
      } else if (event instanceof ServerDeleted) {
        change(s, Lifecycle.DELETED);
        // The vmid is released with the deletion and may go to the next server.
        if (s.vmid() != null && s.serverId().equals(byVmid.get(s.vmid()))) byVmid.remove(s.vmid());
      }
    }

    @Override
    public MonitoredServers view() {
      version++;
      Pending oldest = pending.isEmpty() ? null : pending.first();
      return new MonitoredServers(byId.snapshot(), byVmid.snapshot(), counts, pending.size(),
          oldest == null ? null : oldest.since(), checkpoint, version);
    }

    private void requested(ServerRequested r) {
      if (byId.get(r.serverId()) != null) return; // a server is requested once
      ServerSpec spec = r.spec();
      String variant = null;
      String plan = r.resources() == null ? null : r.resources().id();
      String runtime = null;
      String runtimeVersion = null;
      if (spec instanceof ServerSpec.Game g) {
        variant = g.variant();
        if (g.plan() != null) plan = g.plan();
      } else if (spec instanceof ServerSpec.Dev d) {
        runtime = d.runtime();
        runtimeVersion = d.version();
      }
      MonitoredServer s = new MonitoredServer(r.serverId(), r.ownerId(), spec.kind(), spec.name(), variant, plan, runtime,
          runtimeVersion, null, null, null, Lifecycle.PROVISIONING, r.at());
      byId.put(s.serverId(), s);
      counts[MonitoredServers.slot(Lifecycle.PROVISIONING, s.kind())]++;
      pending.add(new Pending(r.at(), s.serverId()));
    }

    private void place(MonitoredServer s, Integer vmid, String hostname, String address) {
      if (vmid == null && hostname == null && address == null) return;
      byId.put(s.serverId(), s.withPlacement(vmid, hostname, address));
      if (vmid != null && s.lifecycle() != Lifecycle.DELETED) byVmid.put(vmid, s.serverId());
    }

    /** A ready or stopped server follows its host; provisioning, failed and deleting ones keep their state. */
    private void observeHost(MonitoredServer s, HostState observed) {
      if (s.lifecycle() != Lifecycle.RUNNING && s.lifecycle() != Lifecycle.STOPPED) return;
      if (observed == HostState.RUNNING) change(s, Lifecycle.RUNNING);
      if (observed == HostState.STOPPED) change(s, Lifecycle.STOPPED);
    }

    private void change(MonitoredServer s, Lifecycle next) {
      if (s.lifecycle() == next) return;
      counts[MonitoredServers.slot(s.lifecycle(), s.kind())]--;
      counts[MonitoredServers.slot(next, s.kind())]++;
      MonitoredServer changed = s.with(next);
      if (s.provisioningSince() != null && next != Lifecycle.PROVISIONING) {
        pending.remove(new Pending(s.provisioningSince(), s.serverId()));
        changed = changed.withProvisioningSince(null);
      }
      byId.put(s.serverId(), changed);
    }
  }
}
