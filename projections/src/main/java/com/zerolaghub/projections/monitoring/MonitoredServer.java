package com.zerolaghub.projections.monitoring;

import com.zerolaghub.events.servers.ContainerKind;
import java.time.Instant;

/**
 * One server as monitoring sees it. Immutable: a change replaces the instance, so a reader may
 * cache what it derived from one (a rendered SD entry) as long as it holds the same instance.
 *
 * @param ownerId             for ownership checks only; never exported (no label, no body)
 * @param plan                resource plan id (game: the plan asked for; dev: the resolved plan)
 * @param runtime             dev runtime ({@code node}, {@code python}, …); null for game servers
 * @param hostname            container hostname, once the clone step named it
 * @param vmid                Proxmox id, once allocated
 * @param address             the container's private address, once it started; kept after
 *                            teardown so historical mode can still show it
 * @param provisioningSince   when the pending provisioning operation was requested; null when none is pending
 */
public record MonitoredServer(
    String serverId,
    String ownerId,
    ContainerKind kind,
    String name,
    String variant,
    String plan,
    String runtime,
    String runtimeVersion,
    String hostname,
    Integer vmid,
    String address,
    Lifecycle lifecycle,
    Instant provisioningSince) {

  /** Listed in discovery: running, with a vmid and an address to scrape. */
  public boolean isActiveTarget() {
    return lifecycle == Lifecycle.RUNNING && vmid != null && address != null;
  }

  /** Ever had a scrape target (for historical mode). */
  public boolean hadTarget() {
    return vmid != null && address != null;
  }

  MonitoredServer with(Lifecycle newLifecycle) {
    return new MonitoredServer(serverId, ownerId, kind, name, variant, plan, runtime, runtimeVersion, hostname, vmid,
        address, newLifecycle, provisioningSince);
  }

  MonitoredServer withProvisioningSince(Instant since) {
    return new MonitoredServer(serverId, ownerId, kind, name, variant, plan, runtime, runtimeVersion, hostname, vmid,
        address, lifecycle, since);
  }

  MonitoredServer withPlacement(Integer newVmid, String newHostname, String newAddress) {
    return new MonitoredServer(serverId, ownerId, kind, name, variant, plan, runtime, runtimeVersion,
        newHostname != null ? newHostname : hostname, newVmid != null ? newVmid : vmid,
        newAddress != null ? newAddress : address, lifecycle, provisioningSince);
  }
}
