package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.core.servers.run.RunnerSettings;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import java.util.Optional;

/**
 * What the controller needs of the servers capability (which starts before it): the servers as
 * the log says, the outside systems it observes and repairs through, how runners name things, and
 * how a server's agent is reached. Asked from {@code start} on.
 */
public interface ServerFleet {
  MemoryView<ServerDirectory> directory();

  RunnerPorts runners();

  RunnerSettings runnerSettings();

  /** Empty until the container has an address. */
  Optional<AgentEndpoint> agentEndpoint(String serverId);
}
