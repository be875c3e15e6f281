package com.zerolaghub.projections.monitoring;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.servers.ContainerKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What monitoring reads: every server with its labels and lifecycle, as of one applied batch.
 * Immutable; a new instance is published after every batch, so identity tells whether anything
 * changed ({@link #version()} counts them).
 */
public final class MonitoredServers {
  private static final Comparator<MonitoredServer> BY_VMID =
      Comparator.comparing(MonitoredServer::vmid).thenComparing(MonitoredServer::serverId);

  private final ShardedMap.Snapshot<String, MonitoredServer> byId;
  private final ShardedMap.Snapshot<Integer, String> byVmid;
  private final int[] counts;
  private final int provisioningPending;
  private final Instant oldestProvisioningSince;
  private final Checkpoint checkpoint;
  private final long version;

  MonitoredServers(ShardedMap.Snapshot<String, MonitoredServer> byId, ShardedMap.Snapshot<Integer, String> byVmid,
      int[] counts, int provisioningPending, Instant oldestProvisioningSince, Checkpoint checkpoint, long version) {
    this.byId = byId;
    this.byVmid = byVmid;
    this.counts = counts.clone();
    this.provisioningPending = provisioningPending;
    this.oldestProvisioningSince = oldestProvisioningSince;
    this.checkpoint = checkpoint;
    this.version = version;
  }

  static MonitoredServers empty() {
    return new MonitoredServers(ShardedMap.Snapshot.empty(), ShardedMap.Snapshot.empty(), new int[countSlots()], 0, null,
        Checkpoint.START, 0);
  }

  public Optional<MonitoredServer> server(String serverId) {
    return Optional.ofNullable(byId.get(serverId));
  }

  /** The server holding {@code vmid} now; a deleted server has released its vmid. */
  public Optional<MonitoredServer> byVmid(int vmid) {
    String id = byVmid.get(vmid);
    return id == null ? Optional.empty() : server(id);
  }

  /** Servers to scrape now (running, with vmid and address), by vmid. Computed on each call. */
  public List<MonitoredServer> activeTargets() {
    return sorted(true);
  }

  /** Every server that ever had a scrape target, deleted ones included, by vmid. Computed on each call. */
  public List<MonitoredServer> everTargets() {
    return sorted(false);
  }

  /** Servers in {@code state} of {@code kind}. */
  public int count(Lifecycle state, ContainerKind kind) {
    return counts[slot(state, kind)];
  }

  /** Provisioning operations requested and not finished (ready, failed or abandoned for deletion). */
  public int provisioningPending() {
    return provisioningPending;
  }

  /** When the oldest pending provisioning operation was requested; null when none is pending. */
  public Instant oldestProvisioningSince() {
    return oldestProvisioningSince;
  }

  /** The last applied event's place in the log; wait for it to pass an append to read your write. */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** Number of batches applied since this model was built; a new value means the content changed. */
  public long version() {
    return version;
  }

  /** Servers known, deleted ones included. */
  public int size() {
    return byId.size();
  }

  private List<MonitoredServer> sorted(boolean activeOnly) {
    List<MonitoredServer> list = new ArrayList<>();
    byId.forEachValue(s -> {
      if (activeOnly ? s.isActiveTarget() : s.hadTarget()) list.add(s);
    });
    list.sort(BY_VMID);
    return list;
  }

  static int countSlots() {
    return Lifecycle.values().length * ContainerKind.values().length;
  }

  static int slot(Lifecycle state, ContainerKind kind) {
    return state.ordinal() * ContainerKind.values().length + kind.ordinal();
  }
}
