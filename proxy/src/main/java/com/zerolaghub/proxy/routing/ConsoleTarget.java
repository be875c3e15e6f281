package com.zerolaghub.proxy.routing;

import com.zerolaghub.core.infra.agent.AgentEndpoint;
import java.util.Objects;

/**
 * Where a server's console is bridged to. The agent endpoint carries the agent token, which
 * stays on the server side (the bridge adds it to its own upgrade request).
 *
 * @param serverId the server's id
 * @param ownerId the customer who owns it
 * @param agent the agent's address, port and token
 * @param suspended whether billing suspended the server (no console while suspended)
 */
public record ConsoleTarget(String serverId, String ownerId, AgentEndpoint agent, boolean suspended) {

  public ConsoleTarget {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(agent, "agent");
  }
}
