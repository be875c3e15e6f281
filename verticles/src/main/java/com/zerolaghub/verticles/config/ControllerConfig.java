package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The controller: a singleton (on nodes with the {@code controller} role) that finds drift and
 * plans repairs.
 *
 * @param leaseTtlMs        controller lease TTL; a dead leader is replaced within it (renewed every third)
 * @param passIntervalMs    time between two full drift passes (relevant events also start one)
 * @param stuckOperationMs  an open operation with no progress for this long is stuck
 * @param level1            {@code dry-run} (plan and record only) or {@code live} (the repair worker runs
 *                          level-1 repairs); levels 2 and 3 are always planned only
 * @param agentChecksPerPass agents asked for their status per pass, round robin (they can only be asked one by one)
 */
public record ControllerConfig(int leaseTtlMs, int passIntervalMs, int stuckOperationMs, String level1, int agentChecksPerPass) {
  public static final int DEFAULT_LEASE_TTL_MS = 15_000;
  public static final int DEFAULT_PASS_INTERVAL_MS = 30_000;
  public static final int DEFAULT_STUCK_OPERATION_MS = 900_000;
  public static final String DEFAULT_LEVEL1 = "dry-run";
  public static final int DEFAULT_AGENT_CHECKS_PER_PASS = 200;
  private static final Set<String> LEVEL1 = Set.of("dry-run", "live");

  public ControllerConfig {
    if (leaseTtlMs < 30) throw new ConfigException("controller.leaseTtlMs must be at least 30, got " + leaseTtlMs);
    if (passIntervalMs < 10) throw new ConfigException("controller.passIntervalMs must be at least 10, got " + passIntervalMs);
    if (stuckOperationMs < 1) throw new ConfigException("controller.stuckOperationMs must be positive, got " + stuckOperationMs);
    if (!LEVEL1.contains(level1)) {
      throw new ConfigException("controller.level1 (ZLH_CONTROLLER_LEVEL1) must be dry-run or live, got '" + level1 + "'");
    }
    if (agentChecksPerPass < 0) throw new ConfigException("controller.agentChecksPerPass must not be negative, got " + agentChecksPerPass);
  }

  public static ControllerConfig defaults() {
    return new ControllerConfig(DEFAULT_LEASE_TTL_MS, DEFAULT_PASS_INTERVAL_MS, DEFAULT_STUCK_OPERATION_MS, DEFAULT_LEVEL1,
        DEFAULT_AGENT_CHECKS_PER_PASS);
  }

  static ControllerConfig from(ConfigSection s) {
    return new ControllerConfig(s.integer("leaseTtlMs", DEFAULT_LEASE_TTL_MS), s.integer("passIntervalMs", DEFAULT_PASS_INTERVAL_MS),
        s.integer("stuckOperationMs", DEFAULT_STUCK_OPERATION_MS), s.string("level1", DEFAULT_LEVEL1),
        s.integer("agentChecksPerPass", DEFAULT_AGENT_CHECKS_PER_PASS));
  }

  JsonObject toJson() {
    return new JsonObject().put("leaseTtlMs", leaseTtlMs).put("passIntervalMs", passIntervalMs)
        .put("stuckOperationMs", stuckOperationMs).put("level1", level1).put("agentChecksPerPass", agentChecksPerPass);
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding these values, to change some keys by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets keys by name (the components above); {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private int leaseTtlMs;
    private int passIntervalMs;
    private int stuckOperationMs;
    private String level1;
    private int agentChecksPerPass;

    private Builder(ControllerConfig values) {
      leaseTtlMs = values.leaseTtlMs;
      passIntervalMs = values.passIntervalMs;
      stuckOperationMs = values.stuckOperationMs;
      level1 = values.level1;
      agentChecksPerPass = values.agentChecksPerPass;
    }

    public Builder leaseTtlMs(int leaseTtlMs) {
      this.leaseTtlMs = leaseTtlMs;
      return this;
    }

    public Builder passIntervalMs(int passIntervalMs) {
      this.passIntervalMs = passIntervalMs;
      return this;
    }

    public Builder stuckOperationMs(int stuckOperationMs) {
      this.stuckOperationMs = stuckOperationMs;
      return this;
    }

    public Builder level1(String level1) {
      this.level1 = level1;
      return this;
    }

    public Builder agentChecksPerPass(int agentChecksPerPass) {
      this.agentChecksPerPass = agentChecksPerPass;
      return this;
    }

    public ControllerConfig build() {
      return new ControllerConfig(leaseTtlMs, passIntervalMs, stuckOperationMs, level1, agentChecksPerPass);
    }
  }
}
