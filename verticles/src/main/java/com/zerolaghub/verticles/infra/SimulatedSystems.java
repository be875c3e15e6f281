package com.zerolaghub.verticles.infra;

import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.ServersConfig;
import com.zerolaghub.verticles.sim.AgentSimulatorOptions;
import com.zerolaghub.verticles.sim.CloudflareSimulator;
import com.zerolaghub.verticles.sim.ProxmoxSimulator;
import com.zerolaghub.verticles.sim.ProxmoxSimulatorOptions;
import com.zerolaghub.verticles.sim.SimTemplate;
import com.zerolaghub.verticles.sim.VelocitySimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The outside systems of {@code infra.mode=simulated}, running in this process: a Proxmox node
 * (whose started containers run simulated agents on their own 127.x.y.z addresses), a Cloudflare
 * zone named after {@code servers.gameDomain} and a Velocity bridge, each with a fresh random
 * token. Tests reach them here to inject faults and look at what the platform did.
 */
public final class SimulatedSystems {
  /** Token id the simulated Proxmox accepts. */
  public static final String PROXMOX_TOKEN_ID = ProxmoxSimulatorOptions.DEFAULT_TOKEN_ID;

  private final ProxmoxSimulator proxmox;
  private final CloudflareSimulator cloudflare;
  private final VelocitySimulator velocity;
  private final String proxmoxSecret;
  private final String cloudflareToken;
  private final String velocityToken;

  private SimulatedSystems(ProxmoxSimulator proxmox, CloudflareSimulator cloudflare, VelocitySimulator velocity,
                           String proxmoxSecret, String cloudflareToken, String velocityToken) {
    this.proxmox = proxmox;
    this.cloudflare = cloudflare;
    this.velocity = velocity;
    this.proxmoxSecret = proxmoxSecret;
    this.cloudflareToken = cloudflareToken;
    this.velocityToken = velocityToken;
  }

  /** Starts all three; containers' loopback addresses get a random second octet so parallel runs stay apart. */
  public static Future<SimulatedSystems> start(Vertx vertx, InfraConfig infra, ServersConfig servers) {
    String proxmoxSecret = UUID.randomUUID().toString();
    String cloudflareToken = UUID.randomUUID().toString().replace("-", "");
    String velocityToken = UUID.randomUUID().toString().replace("-", "");
    ProxmoxSimulatorOptions options = ProxmoxSimulatorOptions.defaults(proxmoxSecret)
        .withTemplates(List.of(SimTemplate.game(servers.gameTemplateVmid()), SimTemplate.dev(servers.devTemplateVmid())))
        .withTaskDuration(Duration.ofMillis(infra.simTaskDurationMs()))
        .withLoopbackSecondOctet(ThreadLocalRandom.current().nextInt(20, 250))
        .withAgent(AgentSimulatorOptions.game("127.0.0.1", null).withPort(infra.agentPort()));
    ProxmoxSimulator proxmox = new ProxmoxSimulator(vertx, options);
    CloudflareSimulator cloudflare = new CloudflareSimulator(vertx, new CloudflareSimulator.Options("127.0.0.1", 0,
        CloudflareSimulator.Options.DEFAULT_ZONE_ID, servers.gameDomain(), cloudflareToken));
    VelocitySimulator velocity = new VelocitySimulator(vertx, VelocitySimulator.Options.defaults(velocityToken));
    SimulatedSystems systems = new SimulatedSystems(proxmox, cloudflare, velocity, proxmoxSecret, cloudflareToken, velocityToken);
    return Future.all(proxmox.start(), cloudflare.start(), velocity.start())
        .map(systems)
        .recover(err -> systems.stop().transform(x -> Future.failedFuture(err)));
  }

  public ProxmoxSimulator proxmox() {
    return proxmox;
  }

  public CloudflareSimulator cloudflare() {
    return cloudflare;
  }

  public VelocitySimulator velocity() {
    return velocity;
  }

  /** The {@code Authorization} header value the simulated Proxmox accepts, for tests that call its API as a client would. */
  public String proxmoxAuthorization() {
    return "PVEAPIToken=" + PROXMOX_TOKEN_ID + "=" + proxmoxSecret;
  }

  /** The infra configuration that points adapters at these simulators. */
  InfraConfig adapterConfig(InfraConfig base) {
    return new InfraConfig(InfraConfig.MODE_SIMULATED, proxmox.apiBase(), proxmox.node(), PROXMOX_TOKEN_ID, proxmoxSecret,
        false, cloudflare.apiBase(), cloudflare.zoneId(), cloudflareToken, velocity.baseUri(), velocityToken,
        base.agentPort(), base.requestTimeoutMs(), base.simTaskDurationMs());
  }

  public Future<Void> stop() {
    return Future.join(proxmox.stop(), cloudflare.stop(), velocity.stop()).mapEmpty();
  }
}
