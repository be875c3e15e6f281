package com.zerolaghub.verticles.runtime;

import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.proxmox.ProxmoxPort;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.core.servers.run.RunnerSettings;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.DevServerRoutes;
import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.verticles.controller.ServerFleet;
import com.zerolaghub.verticles.operators.ServerProbes;
import com.zerolaghub.verticles.proxy.ServerAccess;
import com.zerolaghub.verticles.servers.ServerPorts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Each capability's port on the servers capability, cut from what servers offers: the
 * capabilities know only their own port, never each other (no package imports another's).
 */
public final class ServerPortsFor {
  private ServerPortsFor() {}

  public static ServerFleet controller(ServerPorts servers) {
    return new ServerFleet() {
      @Override
      public MemoryView<ServerDirectory> directory() {
        return servers.directory();
      }

      @Override
      public RunnerPorts runners() {
        return servers.runners();
      }

      @Override
      public RunnerSettings runnerSettings() {
        return servers.runnerSettings();
      }

      @Override
      public Optional<AgentEndpoint> agentEndpoint(String serverId) {
        return servers.agentEndpoint(serverId);
      }
    };
  }

  public static ServerAccess proxy(ServerPorts servers) {
    return new ServerAccess() {
      @Override
      public DevServerRoutes routes() {
        return servers.routeTable().current();
      }

      @Override
      public ServerDirectory directory() {
        return servers.directory().current();
      }

      @Override
      public Optional<AgentEndpoint> agentEndpoint(String serverId) {
        return servers.agentEndpoint(serverId);
      }

      @Override
      public Future<Void> ideOpened(String serverId, String adminId, String reason, EventMetadata metadata) {
        return servers.ideOpened(serverId, adminId, reason, metadata);
      }
    };
  }

  public static ServerProbes operators(ServerPorts servers) {
    return new ServerProbes() {
      @Override
      public ProxmoxPort proxmox() {
        return servers.runners().proxmox();
      }

      @Override
      public Future<JsonObject> liveStatus(String serverId) {
        return servers.liveStatus(serverId);
      }
    };
  }
}
