package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.servers.ContainerKind;

/**
 * The body pushed to the agent's {@code POST /config} (idempotent: same body twice, no change).
 * Game fields are null for dev servers and the reverse. The agent token is not here: the runner
 * adds it at the edge, and only its hash is ever recorded.
 */
public record AgentConfig(
    String serverId,
    ContainerKind containerType,
    String name,
    String variant,
    Integer memoryMib,
    String runtime,
    String version,
    Boolean codeServer) {

  public static AgentConfig of(ServerState s) {
    if (s.spec() instanceof ServerSpec.Game g) {
      return new AgentConfig(s.serverId(), ContainerKind.GAME, g.name(), g.variant(), s.resources().memoryMib(), null, null, null);
    }
    ServerSpec.Dev d = (ServerSpec.Dev) s.spec();
    return new AgentConfig(s.serverId(), ContainerKind.DEV, d.name(), null, s.resources().memoryMib(), d.runtime(), d.version(), d.codeServer());
  }
}
