package com.zerolaghub.verticles.runtime;

import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.core.ports.ConsoleCloser;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.billing.GatedAction;
import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.verticles.accounts.AccountsCapability;
import com.zerolaghub.verticles.accounts.SessionAuthentication;
import com.zerolaghub.verticles.audit.AuditCapability;
import com.zerolaghub.verticles.billing.BillingCapability;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.controller.ControllerCapability;
import com.zerolaghub.verticles.monitoring.MonitoringCapability;
import com.zerolaghub.verticles.operators.OperatorsCapability;
import com.zerolaghub.verticles.portal.PortalCapability;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.proxy.ProxyCapability;
import com.zerolaghub.verticles.servers.ServerPorts;
import com.zerolaghub.verticles.servers.ServersCapability;
import com.zerolaghub.verticles.support.SupportCapability;
import com.zerolaghub.verticles.timeline.TimelineCapability;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The capabilities {@code zlh run} starts, in start order. Each capability adds itself here
 * (one line) and decides from {@code config.roles()} whether it runs on this node.
 */
public final class NodeCapabilities {
  private NodeCapabilities() {}

  public static List<Capability> forNode(PlatformConfig config) {
    return forNode(config, Clock.systemUTC());
  }

  /** The same node on another clock: every capability reads time from it (tests run dunning on a hand-moved one). */
  public static List<Capability> forNode(PlatformConfig config, Clock clock) {
    List<Capability> capabilities = new ArrayList<>();
    SessionAuthentication auth = new SessionAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(auth, clock);
    capabilities.add(projections.setup());
    AccountsCapability accounts = new AccountsCapability(auth, projections, clock);
    capabilities.add(accounts);
    ServersCapability servers = new ServersCapability(auth, projections).withClock(clock);
    capabilities.add(servers);
    ServerPorts serverPorts = servers.serverPorts();
    // Billing and the proxy know each other: billing closes consoles, the proxy asks who is suspended.
    AtomicReference<ProxyCapability> proxyRef = new AtomicReference<>();
    ConsoleCloser consoles = (serverId, code, reason) -> {
      ProxyCapability proxy = proxyRef.get();
      if (proxy != null) proxy.closeConsoles(serverId, ConsoleEnd.SUSPENDED);
      return Future.succeededFuture();
    };
    BillingCapability billing = new BillingCapability(auth, projections, serverPorts.hostShutdown(), consoles, clock);
    capabilities.add(billing);
    servers.gatedBy(billing::gate);
    capabilities.add(new AuditCapability(auth, clock));
    capabilities.add(new SupportCapability(auth, projections, clock, billing::announcements));
    capabilities.add(new MonitoringCapability(auth, projections));
    capabilities.add(new ControllerCapability(auth, projections, ServerPortsFor.controller(serverPorts),
        owner -> billing.standings().of(owner) == Enforcement.SUSPENDED, clock));
    // Capabilities that register read models go above this line.
    capabilities.add(projections.launch());
    ProxyCapability proxy = new ProxyCapability(auth, accounts.sessions(), ServerPortsFor.proxy(serverPorts),
        owner -> billing.gate(owner, GatedAction.HOST_START).isPresent(), clock);
    proxyRef.set(proxy);
    capabilities.add(proxy);
    capabilities.add(new TimelineCapability(auth));
    capabilities.add(new OperatorsCapability(auth, ServerPortsFor.operators(serverPorts), billing.standings()));
    capabilities.add(new PortalCapability());
    return capabilities;
  }

  /** The port the dev-IDE host listens on when this node runs the proxy, else -1 (for the run banner). */
  public static int devHostPort(List<Capability> capabilities) {
    return capabilities.stream().filter(ProxyCapability.class::isInstance).map(ProxyCapability.class::cast)
        .mapToInt(ProxyCapability::devHostPort).findFirst().orElse(-1);
  }
}
