package com.zerolaghub.proxy.routing;

import com.zerolaghub.projections.MemoryView;
import java.util.Optional;

/**
 * The dev servers the proxy can reach, read from memory on every request (never a database
 * query). Filled by a memory projection over server events; {@link RouteSnapshot} is the
 * immutable view such a projection publishes.
 */
public interface RouteTable {

  Optional<DevRoute> byVmid(int vmid);

  Optional<DevRoute> byServerId(String serverId);

  /** A table that always reads the view's latest published snapshot. */
  static RouteTable live(MemoryView<? extends RouteTable> view) {
    return new RouteTable() {
      @Override
      public Optional<DevRoute> byVmid(int vmid) {
        return view.current().byVmid(vmid);
      }

      @Override
      public Optional<DevRoute> byServerId(String serverId) {
        return view.current().byServerId(serverId);
      }
    };
  }
}
