package com.zerolaghub.proxy.testing;

import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteSnapshot;
import com.zerolaghub.proxy.routing.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A route table tests can change, publishing whole snapshots as the projection would. */
public final class MutableRoutes implements RouteTable {
  private final AtomicReference<RouteSnapshot> current = new AtomicReference<>(RouteSnapshot.empty());
  private final List<DevRoute> routes = new ArrayList<>();

  public synchronized MutableRoutes put(DevRoute route) {
    routes.removeIf(r -> r.serverId().equals(route.serverId()) || r.vmid() == route.vmid());
    routes.add(route);
    current.set(RouteSnapshot.of(routes));
    return this;
  }

  @Override
  public Optional<DevRoute> byVmid(int vmid) {
    return current.get().byVmid(vmid);
  }

  @Override
  public Optional<DevRoute> byServerId(String serverId) {
    return current.get().byServerId(serverId);
  }
}
