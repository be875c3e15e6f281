package com.zerolaghub.verticles.proxy;

import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.impl.console.ConsoleBridge;
import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import com.zerolaghub.verticles.node.PlatformContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The console bridge on the API router: a server's console reaches its agent (address and token
 * from the servers capability), refused while billing suspends the owner. Nothing until opened.
 */
final class ServerConsoles {
  private final ServerAccess servers;
  private final Predicate<String> suspendedOwner;
  private volatile ConsoleBridge bridge;

  ServerConsoles(ServerAccess servers, Predicate<String> suspendedOwner) {
    this.servers = servers;
    this.suspendedOwner = suspendedOwner;
  }

  ConsoleBridge open(PlatformContext ctx, SessionCredentials credentials, ProxyMetrics metrics) {
    // The bridge's own connect timeout (10 s) decides; the agent client must not cut it shorter.
    AgentHttpAdapter agents = new AgentHttpAdapter(ctx.vertx(),
        new AgentOptions(AgentOptions.DEFAULT_REQUEST_TIMEOUT, AgentOptions.DEFAULT_TRANSFER_TIMEOUT,
            ConsoleOptions.DEFAULT_CONNECT_TIMEOUT.plus(Duration.ofSeconds(1))));
    bridge = new ConsoleBridge(ctx.vertx(), this::target, agents, credentials,
        ConsoleOptions.defaults().withAllowedOrigins(ctx.config().http().browserOrigins()), metrics, ctx.sessionSockets());
    return bridge;
  }

  private Optional<ConsoleTarget> target(String serverId) {
    return servers.directory().server(serverId).flatMap(s -> servers.agentEndpoint(serverId)
        .map(agent -> new ConsoleTarget(serverId, s.ownerId(), agent, suspendedOwner.test(s.ownerId()))));
  }

  /** Closes the live consoles of a server; answers how many. */
  int closeAllForServer(String serverId, ConsoleEnd end) {
    ConsoleBridge b = bridge;
    return b == null ? 0 : b.closeAllForServer(serverId, end);
  }

  void closeAll(ConsoleEnd end) {
    ConsoleBridge b = bridge;
    if (b != null) b.closeAll(end);
  }
}
