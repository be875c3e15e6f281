package com.zerolaghub.verticles.infra;

import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.core.infra.dns.CloudflareDnsAdapter;
import com.zerolaghub.core.infra.dns.CloudflareOptions;
import com.zerolaghub.core.infra.proxmox.ProxmoxHttpAdapter;
import com.zerolaghub.core.infra.proxmox.ProxmoxOptions;
import com.zerolaghub.core.infra.velocity.VelocityHttpAdapter;
import com.zerolaghub.core.infra.velocity.VelocityOptions;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The node's adapters to Proxmox, Cloudflare, Velocity and the agents, configured from
 * {@code infra}: in simulated mode pointed at {@link SimulatedSystems} started here, in proxmox
 * mode at the configured systems. The same adapter classes either way.
 */
public final class InfraPorts {
  /** Task polling against simulators: their tasks take milliseconds. */
  private static final Duration SIM_POLL_INITIAL = Duration.ofMillis(5);
  private static final Duration SIM_POLL_MAX = Duration.ofMillis(50);

  private final RunnerPorts ports;
  private final SimulatedSystems simulators;
  private final AutoCloseable[] closeables;
  private final ProxmoxHttpAdapter proxmox;
  private final CloudflareDnsAdapter dns;
  private final VelocityHttpAdapter velocity;
  private final AgentHttpAdapter agents;

  private InfraPorts(ProxmoxHttpAdapter proxmox, CloudflareDnsAdapter dns, VelocityHttpAdapter velocity,
                     AgentHttpAdapter agents, SimulatedSystems simulators) {
    this.proxmox = proxmox;
    this.dns = dns;
    this.velocity = velocity;
    this.agents = agents;
    this.simulators = simulators;
    this.ports = new RunnerPorts(proxmox, dns, velocity, agents);
    this.closeables = new AutoCloseable[] {proxmox, dns, velocity, agents};
  }

  private InfraPorts(RunnerPorts given) {
    this.proxmox = null;
    this.dns = null;
    this.velocity = null;
    this.agents = null;
    this.simulators = null;
    this.ports = given;
    this.closeables = new AutoCloseable[0];
  }

  /** Ports built elsewhere (benchmarks' instant stand-ins); nothing to start or close. */
  public static InfraPorts of(RunnerPorts ports) {
    return new InfraPorts(ports);
  }

  /** Starts the simulators (simulated mode) and builds the adapters. */
  public static Future<InfraPorts> connect(Vertx vertx, PlatformConfig config) {
    InfraConfig infra = config.infra();
    try {
      infra.requireOutsideSystems();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (!infra.simulated()) {
      InfraPorts ports = adapters(vertx, infra, null);
      ProxmoxStartupCheck.run(ports.ports().proxmox(), config);
      return Future.succeededFuture(ports);
    }
    return SimulatedSystems.start(vertx, infra, config.servers())
        .map(sims -> adapters(vertx, sims.adapterConfig(infra), sims));
  }

  private static InfraPorts adapters(Vertx vertx, InfraConfig infra, SimulatedSystems sims) {
    Duration timeout = Duration.ofMillis(infra.requestTimeoutMs());
    ProxmoxOptions proxmoxOptions = ProxmoxOptions.of(URI.create(infra.proxmoxUrl()), infra.proxmoxTokenId(), infra.proxmoxTokenSecret())
        .withNode(infra.proxmoxNode())
        .withTrustAll(infra.proxmoxTrustAll())
        .withRequestTimeout(timeout);
    if (sims != null) proxmoxOptions = proxmoxOptions.withTaskPolling(SIM_POLL_INITIAL, SIM_POLL_MAX);
    return new InfraPorts(
        new ProxmoxHttpAdapter(vertx, proxmoxOptions),
        new CloudflareDnsAdapter(vertx, CloudflareOptions.of(infra.cloudflareZoneId(), infra.cloudflareToken())
            .withApiBase(URI.create(infra.cloudflareApiBase())).withRequestTimeout(timeout)),
        new VelocityHttpAdapter(vertx, VelocityOptions.of(URI.create(infra.velocityUrl()), infra.velocityToken())
            .withRequestTimeout(timeout)),
        new AgentHttpAdapter(vertx, AgentOptions.defaults().withRequestTimeout(timeout)),
        sims);
  }

  public RunnerPorts ports() {
    return ports;
  }

  /** The simulators, in simulated mode. */
  public Optional<SimulatedSystems> simulators() {
    return Optional.ofNullable(simulators);
  }

  /** Closes the adapters' clients and stops the simulators. */
  public Future<Void> close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // closing a client fails only if it was closed already
      }
    }
    return simulators == null ? Future.succeededFuture() : simulators.stop();
  }
}
