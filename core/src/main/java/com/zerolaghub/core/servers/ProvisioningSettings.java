package com.zerolaghub.core.servers;

/**
 * Knobs of the provisioning saga, from configuration.
 *
 * @param gamePort           port the game listens on inside its container, registered with Velocity
 * @param maxAttemptsPerStep recorded intents of one phase after which the saga gives up (crash loops)
 */
public record ProvisioningSettings(int gamePort, int maxAttemptsPerStep) {
  public static final int DEFAULT_GAME_PORT = 25565;
  public static final int DEFAULT_MAX_ATTEMPTS_PER_STEP = 5;

  public ProvisioningSettings {
    if (maxAttemptsPerStep < 1) throw new IllegalArgumentException("maxAttemptsPerStep must be >= 1");
  }

  public static ProvisioningSettings defaults() {
    return new ProvisioningSettings(DEFAULT_GAME_PORT, DEFAULT_MAX_ATTEMPTS_PER_STEP);
  }
}
