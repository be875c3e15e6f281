package com.zerolaghub.verticles.infra;

import com.zerolaghub.simulators.AgentSimulatorOptions;
import com.zerolaghub.simulators.CloudflareSimulator;
import com.zerolaghub.simulators.ProxmoxSimulator;
import com.zerolaghub.simulators.ProxmoxSimulatorOptions;
import com.zerolaghub.simulators.SimTemplate;
import com.zerolaghub.simulators.VelocitySimulator;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.ServersConfig;
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
  private final String proxmoxTokenId;
  private final String proxmoxSecret;
  private final String cloudflareToken;
  private final String velocityToken;

  private SimulatedSystems(ProxmoxSimulator proxmox, CloudflareSimulator cloudflare, VelocitySimulator velocity,
                           String proxmoxTokenId, String proxmoxSecret, String cloudflareToken, String velocityToken) {
    this.proxmoxTokenId = proxmoxTokenId;
    this.proxmox = proxmox;
    this.cloudflare = cloudflare;
    this.velocity = velocity;
    this.proxmoxSecret = proxmoxSecret;
    this.cloudflareToken = cloudflareToken;
    this.velocityToken = velocityToken;
  }

  /** Where the simulators listen; 0 picks a free port. */
  public record Ports(int proxmox, int cloudflare, int velocity) {
    public static final Ports ANY = new Ports(0, 0, 0);
  }

  /** Starts all three on free ports with fresh tokens (the node's own simulators). */
  public static Future<SimulatedSystems> start(Vertx vertx, InfraConfig infra, ServersConfig servers) {
    return start(vertx, infra.toBuilder().mode(InfraConfig.MODE_SIMULATED).build(), servers, Ports.ANY, false);
  }

  /**
   * Starts all three on {@code ports}; with {@code configuredTokens} the Proxmox token id and the
   * tokens configured in {@code infra} are the accepted ones (blank ones are generated), so
   * nodes of {@code infra.mode=proxmox} configured alike reach them. Containers' loopback
   * addresses get a random second octet so parallel runs stay apart.
   */
  public static Future<SimulatedSystems> start(Vertx vertx, InfraConfig infra, ServersConfig servers, Ports ports,
                                               boolean configuredTokens) {
    String proxmoxTokenId = configuredTokens && !infra.proxmoxTokenId().isBlank() ? infra.proxmoxTokenId() : PROXMOX_TOKEN_ID;
    String proxmoxSecret = configuredTokens ? orRandom(infra.proxmoxTokenSecret()) : orRandom("");
    String cloudflareToken = configuredTokens ? orRandom(infra.cloudflareToken()) : orRandom("");
    String velocityToken = configuredTokens ? orRandom(infra.velocityToken()) : orRandom("");
    String zoneId = configuredTokens && !infra.cloudflareZoneId().isBlank() ? infra.cloudflareZoneId()
        : CloudflareSimulator.Options.DEFAULT_ZONE_ID;
    ProxmoxSimulatorOptions defaults = ProxmoxSimulatorOptions.defaults(proxmoxSecret);
    ProxmoxSimulatorOptions options = new ProxmoxSimulatorOptions(defaults.host(), ports.proxmox(), infra.proxmoxNode(),
        proxmoxTokenId, proxmoxSecret, defaults.templates(), defaults.firstVmid(), defaults.taskDuration(),
        defaults.lockTimeout(), defaults.loopbackSecondOctet(), defaults.agent())
        .withTemplates(List.of(SimTemplate.game(servers.gameTemplateVmid()), SimTemplate.dev(servers.devTemplateVmid())))
        .withTaskDuration(Duration.ofMillis(infra.simTaskDurationMs()))
        .withLoopbackSecondOctet(ThreadLocalRandom.current().nextInt(20, 250))
        .withAgent(AgentSimulatorOptions.game("127.0.0.1", null).withPort(infra.agentPort())
            .withCodeServer(infra.simCodeServer()));
    ProxmoxSimulator proxmox = new ProxmoxSimulator(vertx, options);
    CloudflareSimulator cloudflare = new CloudflareSimulator(vertx, new CloudflareSimulator.Options("127.0.0.1",
        ports.cloudflare(), zoneId, servers.gameDomain(), cloudflareToken));
    VelocitySimulator velocity = new VelocitySimulator(vertx, new VelocitySimulator.Options("127.0.0.1", ports.velocity(),
        velocityToken));
    SimulatedSystems systems = new SimulatedSystems(proxmox, cloudflare, velocity, proxmoxTokenId, proxmoxSecret,
        cloudflareToken, velocityToken);
    return Future.all(proxmox.start(), cloudflare.start(), velocity.start())
        .map(systems)
        .recover(err -> systems.stop().transform(x -> Future.failedFuture(err)));
  }

  private static String orRandom(String token) {
    return token == null || token.isBlank() ? UUID.randomUUID().toString().replace("-", "") : token;
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
    return "PVEAPIToken=" + proxmoxTokenId + "=" + proxmoxSecret;
  }

  /** The infra configuration (of {@code base}'s mode) that points adapters at these simulators. */
  public InfraConfig adapterConfig(InfraConfig base) {
    return base.toBuilder()
        .proxmoxUrl(proxmox.apiBase()).proxmoxNode(proxmox.node()).proxmoxTokenId(proxmoxTokenId).proxmoxTokenSecret(proxmoxSecret)
        .proxmoxTrustAll(false)
        .cloudflareApiBase(cloudflare.apiBase()).cloudflareZoneId(cloudflare.zoneId()).cloudflareToken(cloudflareToken)
        .velocityUrl(velocity.baseUri()).velocityToken(velocityToken)
        .build();
  }

  public Future<Void> stop() {
    return Future.join(proxmox.stop(), cloudflare.stop(), velocity.stop()).mapEmpty();
  }
}
