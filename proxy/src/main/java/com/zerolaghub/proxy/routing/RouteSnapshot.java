package com.zerolaghub.proxy.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An immutable route table, indexed both ways; what the route-table projection publishes. */
public final class RouteSnapshot implements RouteTable {
  private static final RouteSnapshot EMPTY = new RouteSnapshot(Map.of(), Map.of());

  private final Map<Integer, DevRoute> byVmid;
  private final Map<String, DevRoute> byServerId;

  private RouteSnapshot(Map<Integer, DevRoute> byVmid, Map<String, DevRoute> byServerId) {
    this.byVmid = byVmid;
    this.byServerId = byServerId;
  }

  public static RouteSnapshot empty() {
    return EMPTY;
  }

  /** A later route for the same vmid or server id replaces an earlier one. */
  public static RouteSnapshot of(Collection<DevRoute> routes) {
    Map<Integer, DevRoute> vmids = new HashMap<>();
    Map<String, DevRoute> servers = new HashMap<>();
    for (DevRoute route : routes) {
      DevRoute previous = servers.put(route.serverId(), route);
      if (previous != null) {
        vmids.remove(previous.vmid(), previous);
      }
      DevRoute displaced = vmids.put(route.vmid(), route);
      if (displaced != null && !displaced.serverId().equals(route.serverId())) {
        servers.remove(displaced.serverId(), displaced);
      }
    }
    return new RouteSnapshot(Map.copyOf(vmids), Map.copyOf(servers));
  }

  @Override
  public Optional<DevRoute> byVmid(int vmid) {
    return Optional.ofNullable(byVmid.get(vmid));
  }

  @Override
  public Optional<DevRoute> byServerId(String serverId) {
    return Optional.ofNullable(byServerId.get(serverId));
  }

  public int size() {
    return byServerId.size();
  }
}
