package com.zerolaghub.verticles.proxy;

import com.zerolaghub.projections.servers.DevServerRoute;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteTable;
import java.util.Optional;

/** The proxy library's route table, read from the servers' dev route read model at each lookup. */
final class DevRoutesFromLog implements RouteTable {
  private final ServerAccess servers;

  DevRoutesFromLog(ServerAccess servers) {
    this.servers = servers;
  }

  @Override
  public Optional<DevRoute> byVmid(int vmid) {
    return servers.routes().byVmid(vmid).map(DevRoutesFromLog::toProxyRoute);
  }

  @Override
  public Optional<DevRoute> byServerId(String serverId) {
    return servers.routes().byServerId(serverId).map(DevRoutesFromLog::toProxyRoute);
  }

  private static DevRoute toProxyRoute(DevServerRoute r) {
    return new DevRoute(r.serverId(), r.vmid(), r.ownerId(), r.address(), r.codeServer(), r.running());
  }
}
