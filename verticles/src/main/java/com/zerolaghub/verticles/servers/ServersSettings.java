package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.servers.ProvisioningSettings;
import com.zerolaghub.core.servers.QuotaPolicy;
import com.zerolaghub.core.servers.run.AgentTokens;
import com.zerolaghub.core.servers.run.RunnerSettings;
import com.zerolaghub.verticles.config.ConfigException;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.ServersConfig;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/** The servers capability's settings as its parts take them, read from the configuration. */
final class ServersSettings {
  private ServersSettings() {}

  /** How runners name and reach things (edge host and port, game domain), and how long they wait. */
  static RunnerSettings runner(PlatformConfig config) {
    ServersConfig s = config.servers();
    return new RunnerSettings(s.gameDomain(), s.edgeHost(), s.edgePort(), config.infra().agentPort(),
        Duration.ofMillis(s.stepRetryMs()), Duration.ofMillis(s.taskTimeoutMs()), Duration.ofMillis(s.agentWaitMs()),
        Duration.ofMillis(s.shutdownGraceMs()), RunnerSettings.DEFAULT_POLL_INITIAL, RunnerSettings.DEFAULT_POLL_MAX,
        RunnerSettings.DEFAULT_SWAP_MIB, config.infra().placement().placement());
  }

  /** The agents' tokens, derived from the platform secret; failed when the secret is unusable. */
  static Future<AgentTokens> tokens(PlatformConfig config) {
    try {
      return Future.succeededFuture(new AgentTokens(platformSecret(config)));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** How provisioning steps run: the game port, and the default attempts per step. */
  static ProvisioningSettings provisioning(PlatformConfig config) {
    ServersConfig servers = config.servers();
    return new ProvisioningSettings(servers.gamePort(), ProvisioningSettings.DEFAULT_MAX_ATTEMPTS_PER_STEP);
  }

  /** Servers per plan; an unknown plan counts as starter. */
  static QuotaPolicy quota(PlatformConfig config) {
    ServersConfig servers = config.servers();
    return new QuotaPolicy(Map.of("starter", servers.starterServerLimit(), "pro", servers.proServerLimit()),
        servers.starterServerLimit());
  }

  /** The configured secret; in simulated mode a random one when none is configured. */
  static String platformSecret(PlatformConfig config) {
    String secret = config.servers().platformSecret();
    if (secret.isEmpty() && config.infra().simulated()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      return HexFormat.of().formatHex(random);
    }
    if (secret.length() < 32) {
      throw new ConfigException("servers.platformSecret (ZLH_SERVERS_PLATFORM_SECRET) must have at least 32 characters"
          + (secret.isEmpty() ? " and is required with infra.mode proxmox" : ""));
    }
    return secret;
  }
}
