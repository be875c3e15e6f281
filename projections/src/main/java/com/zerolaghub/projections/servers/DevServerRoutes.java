package com.zerolaghub.projections.servers;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The dev servers the reverse proxy may route to, by vmid ({@code dev-<vmid>.<devDomain>}) and
 * by server id (legacy {@code /__ide/:id/*}). Immutable: a new table is published after every
 * applied batch of events ({@link DevRouteProjection}); hold the {@code MemoryView} and call
 * {@code current()} per request.
 */
public final class DevServerRoutes {
  public static final DevServerRoutes EMPTY = new DevServerRoutes(Map.of(), Map.of());

  private final Map<Integer, DevServerRoute> byVmid;
  private final Map<String, DevServerRoute> byServerId;

  DevServerRoutes(Map<Integer, DevServerRoute> byVmid, Map<String, DevServerRoute> byServerId) {
    this.byVmid = byVmid;
    this.byServerId = byServerId;
  }

  public Optional<DevServerRoute> byVmid(int vmid) {
    return Optional.ofNullable(byVmid.get(vmid));
  }

  public Optional<DevServerRoute> byServerId(String serverId) {
    return Optional.ofNullable(byServerId.get(serverId));
  }

  public Collection<DevServerRoute> all() {
    return byServerId.values();
  }

  public int size() {
    return byServerId.size();
  }
}
