package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.ports.HostShutdownPort;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.servers.run.AgentTokens;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.core.servers.run.RunnerSettings;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.DevServerRoutes;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What the servers capability offers the others, each member one small port; the runtime hands
 * each capability the part it needs. Bound when servers starts, before the others start; a
 * member asked earlier fails. Billing takes {@link #hostShutdown()} while the node is composed
 * and uses it only once running.
 */
public final class ServerPorts implements HostShutdownPort {
  private volatile Bound bound;

  /** What start built. */
  record Bound(MemoryView<ServerDirectory> directory, MemoryView<DevServerRoutes> routes, RunnerPorts runners,
               RunnerSettings settings, AgentTokens tokens, int agentPort, ServerStatusProbe status,
               AdminServerActions admin, HostShutdownPort shutdowns) {}

  void bind(ServerApi api, MemoryView<DevServerRoutes> routes, RunnerSettings settings, ServerStatusProbe status,
            AdminServerActions admin) {
    this.bound = new Bound(api.directory(), routes, api.ports(), settings, api.tokens(), api.config().infra().agentPort(),
        status, admin, new BillingHostShutdown(api.vertx(), api.directory(), api.commands(), api.clock()));
  }

  private Bound bound() {
    Bound b = bound;
    if (b == null) throw new IllegalStateException("the servers capability has not started yet");
    return b;
  }

  /** The server directory (servers, open operations) as the log says. */
  public MemoryView<ServerDirectory> directory() {
    return bound().directory();
  }

  /** Running dev servers for the reverse proxy: {@code routeTable().current().byVmid(vmid)}. */
  public MemoryView<DevServerRoutes> routeTable() {
    return bound().routes();
  }

  /** The outside systems as the runners reach them: the controller observes and repairs through them. */
  public RunnerPorts runners() {
    return bound().runners();
  }

  /** How runners name and reach things (edge host and port, game domain). */
  public RunnerSettings runnerSettings() {
    return bound().settings();
  }

  /**
   * How this node reaches a server's agent (for the console bridge): address from the log, port
   * from configuration, token derived on the server side. Empty until the container has an address.
   */
  public Optional<AgentEndpoint> agentEndpoint(String serverId) {
    Bound b = bound();
    return b.directory().current().server(serverId).filter(s -> s.address() != null)
        .map(s -> new AgentEndpoint(s.address(), b.agentPort(), b.tokens().tokenFor(serverId)));
  }

  /** A server's live status as {@code GET /api/servers/{id}/status} answers it; 404 when it does not exist. */
  public Future<JsonObject> liveStatus(String serverId) {
    return bound().status().liveStatus(serverId);
  }

  /** Records that an administrator opened a customer's IDE, with their reason, on the server's stream. */
  public Future<Void> ideOpened(String serverId, String adminId, String reason, EventMetadata metadata) {
    return bound().admin().ideOpened(serverId, adminId, reason, metadata);
  }

  /** Billing's way to shut hosts down (see {@link BillingHostShutdown}); usable once servers started. */
  public HostShutdownPort hostShutdown() {
    return this;
  }

  @Override
  public Future<List<String>> runningHosts(String accountId) {
    return bound().shutdowns().runningHosts(accountId);
  }

  @Override
  public Future<Void> shutDown(String serverId, String cause) {
    return bound().shutdowns().shutDown(serverId, cause);
  }
}
