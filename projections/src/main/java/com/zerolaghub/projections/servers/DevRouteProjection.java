package com.zerolaghub.projections.servers;

import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.servers.TeardownPhase;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link DevServerRoutes} of dev servers, folded from the log on every node: a dev server is
 * listed once its container has an address, until the container is destroyed.
 */
public final class DevRouteProjection implements MemoryProjection<DevServerRoutes> {
  public static final String NAME = "dev_routes";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String eventType) {
    return ServerEventTypes.LIFE.contains(eventType);
  }

  /** What the fold keeps of one dev server. */
  private static final class Dev {
    final String serverId;
    final String ownerId;
    final boolean codeServer;
    Integer vmid;
    String address;
    HostState host = HostState.NONE;
    boolean provisioned;

    Dev(String serverId, String ownerId, boolean codeServer) {
      this.serverId = serverId;
      this.ownerId = ownerId;
      this.codeServer = codeServer;
    }
  }

  @Override
  public Model<DevServerRoutes> newModel() {
    return new Model<>() {
      private final Map<String, Dev> devs = new HashMap<>();

      @Override
      public void apply(DecodedEvent event) {
        if (!(event.event() instanceof OperationEvent e)) return;
        if (e instanceof ServerRequested r) {
          if (r.spec().kind() == ContainerKind.DEV) {
            devs.put(r.serverId(), new Dev(r.serverId(), r.ownerId(), ((ServerSpec.Dev) r.spec()).codeServer()));
          }
          return;
        }
        Dev d = devs.get(e.serverId());
        if (d == null) return;
        if (e instanceof ServerDeleted) {
          devs.remove(e.serverId());
          return;
        }
        if (e instanceof ProvisioningStepCompleted c) {
          if (c.vmid() != null) d.vmid = c.vmid();
          if (c.address() != null) d.address = c.address();
        }
        if (e instanceof ServerReady) d.provisioned = true;
        if (e instanceof TeardownStepCompleted c && c.step() == TeardownPhase.DESTROY_CONTAINER) d.address = null;
        d.host = HostTracking.after(d.host, e);
      }

      @Override
      public DevServerRoutes view() {
        Map<Integer, DevServerRoute> byVmid = new HashMap<>();
        Map<String, DevServerRoute> byServerId = new HashMap<>();
        for (Dev d : devs.values()) {
          if (d.vmid == null || d.address == null) continue;
          DevServerRoute route = new DevServerRoute(d.serverId, d.vmid, d.ownerId, d.address, d.codeServer,
              d.provisioned && d.host == HostState.RUNNING);
          byVmid.put(d.vmid, route);
          byServerId.put(d.serverId, route);
        }
        return new DevServerRoutes(Map.copyOf(byVmid), Map.copyOf(byServerId));
      }
    };
  }
}
