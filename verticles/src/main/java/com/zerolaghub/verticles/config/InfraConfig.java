package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Where containers run.
 *
 * @param mode simulated (built-in simulators of Proxmox and the agent) or proxmox (a real cluster)
 */
public record InfraConfig(String mode) {
  public static final String MODE_SIMULATED = "simulated";
  public static final String MODE_PROXMOX = "proxmox";
  public static final String DEFAULT_MODE = MODE_SIMULATED;
  private static final Set<String> MODES = Set.of(MODE_SIMULATED, MODE_PROXMOX);

  public InfraConfig {
    if (!MODES.contains(mode)) {
      throw new ConfigException("infra.mode (ZLH_INFRA_MODE) must be simulated or proxmox, got '" + mode + "'");
    }
  }

  public static InfraConfig defaults() {
    return new InfraConfig(DEFAULT_MODE);
  }

  static InfraConfig from(ConfigSection s) {
    return new InfraConfig(s.string("mode", DEFAULT_MODE));
  }

  JsonObject toJson() {
    return new JsonObject().put("mode", mode);
  }

  public boolean simulated() {
    return MODE_SIMULATED.equals(mode);
  }
}
