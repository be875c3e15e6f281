package com.zerolaghub.verticles.proxy;

import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.projections.servers.DevServerRoutes;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * What the proxy needs of the servers capability (which starts before it): the running dev
 * servers' routes, the servers as the log says (who owns one), how a server's agent is reached,
 * and the record of an administrator opening a customer's IDE. Asked from {@code start} on.
 */
public interface ServerAccess {
  /** The dev route table now. */
  DevServerRoutes routes();

  /** The server directory now. */
  ServerDirectory directory();

  /** Empty until the container has an address. */
  Optional<AgentEndpoint> agentEndpoint(String serverId);

  /** Records, on the server's stream, that an administrator opened its IDE, and why. */
  Future<Void> ideOpened(String serverId, String adminId, String reason, EventMetadata metadata);
}
