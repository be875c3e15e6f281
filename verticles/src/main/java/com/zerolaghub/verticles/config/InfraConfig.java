package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where containers run and how the outside systems are reached.
 *
 * @param mode                simulated (built-in simulators of Proxmox, Cloudflare, Velocity and
 *                            the agent, started in-process) or proxmox (the systems below)
 * @param proxmoxUrl          API base, e.g. {@code https://pve1.internal:8006/api2/json}
 * @param proxmoxNode         node whose containers the platform manages
 * @param proxmoxTokenId      API token id, {@code user@realm!tokenid}
 * @param proxmoxTokenSecret  the token's secret; never logged
 * @param proxmoxTrustAll     accept any TLS certificate (self-signed lab nodes only)
 * @param cloudflareApiBase   Cloudflare API v4 base
 * @param cloudflareZoneId    zone holding the game SRV records
 * @param cloudflareToken     API token with DNS Write on the zone; never logged
 * @param velocityUrl         base URL of the Velocity bridge plugin
 * @param velocityToken       bridge bearer token; never logged
 * @param agentPort           port of the in-container agents
 * @param requestTimeoutMs    deadline of each HTTP call to an outside system
 * @param simTaskDurationMs   simulated mode: how long a simulated Proxmox task runs
 * @param placement           how new containers are cloned and addressed (keys of this section)
 * @param simCodeServer       simulated mode: the code-server binary simulated dev containers run;
 *                            empty looks for {@code code-server} on PATH, {@code off} never runs one
 */
public record InfraConfig(
    String mode,
    String proxmoxUrl,
    String proxmoxNode,
    String proxmoxTokenId,
    String proxmoxTokenSecret,
    boolean proxmoxTrustAll,
    String cloudflareApiBase,
    String cloudflareZoneId,
    String cloudflareToken,
    String velocityUrl,
    String velocityToken,
    int agentPort,
    long requestTimeoutMs,
    long simTaskDurationMs,
    PlacementConfig placement,
    String simCodeServer) {
  public static final String MODE_SIMULATED = "simulated";
  public static final String MODE_PROXMOX = "proxmox";
  public static final String DEFAULT_MODE = MODE_SIMULATED;
  public static final String DEFAULT_PROXMOX_NODE = "pve1";
  public static final String DEFAULT_CLOUDFLARE_API_BASE = "https://api.cloudflare.com/client/v4";
  public static final int DEFAULT_AGENT_PORT = 18888;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_SIM_TASK_DURATION_MS = 20;
  private static final Set<String> MODES = Set.of(MODE_SIMULATED, MODE_PROXMOX);

  public InfraConfig {
    if (!MODES.contains(mode)) {
      throw new ConfigException("infra.mode (ZLH_INFRA_MODE) must be simulated or proxmox, got '" + mode + "'");
    }
    if (agentPort < 1 || agentPort > 65_535) throw new ConfigException("infra.agentPort must be between 1 and 65535, got " + agentPort);
    if (requestTimeoutMs < 1) throw new ConfigException("infra.requestTimeoutMs must be positive");
    if (simTaskDurationMs < 0) throw new ConfigException("infra.simTaskDurationMs must not be negative");
    if (placement == null) placement = PlacementConfig.defaults();
    if (simCodeServer == null) simCodeServer = "";
  }

  public static InfraConfig defaults() {
    return new InfraConfig(DEFAULT_MODE, "", DEFAULT_PROXMOX_NODE, "", "", false, DEFAULT_CLOUDFLARE_API_BASE, "", "", "", "",
        DEFAULT_AGENT_PORT, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_SIM_TASK_DURATION_MS, PlacementConfig.defaults(), "");
  }

  static InfraConfig from(ConfigSection s) {
    return new InfraConfig(
        s.string("mode", DEFAULT_MODE),
        s.string("proxmoxUrl", ""),
        s.string("proxmoxNode", DEFAULT_PROXMOX_NODE),
        s.string("proxmoxTokenId", ""),
        s.string("proxmoxTokenSecret", ""),
        s.bool("proxmoxTrustAll", false),
        s.string("cloudflareApiBase", DEFAULT_CLOUDFLARE_API_BASE),
        s.string("cloudflareZoneId", ""),
        s.string("cloudflareToken", ""),
        s.string("velocityUrl", ""),
        s.string("velocityToken", ""),
        s.integer("agentPort", DEFAULT_AGENT_PORT),
        s.longValue("requestTimeoutMs", DEFAULT_REQUEST_TIMEOUT_MS),
        s.longValue("simTaskDurationMs", DEFAULT_SIM_TASK_DURATION_MS),
        PlacementConfig.from(s),
        s.string("simCodeServer", ""));
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("mode", mode)
        .put("proxmoxUrl", proxmoxUrl).put("proxmoxNode", proxmoxNode).put("proxmoxTokenId", proxmoxTokenId)
        .put("proxmoxTokenSecret", proxmoxTokenSecret).put("proxmoxTrustAll", proxmoxTrustAll)
        .put("cloudflareApiBase", cloudflareApiBase).put("cloudflareZoneId", cloudflareZoneId)
        .put("cloudflareToken", cloudflareToken)
        .put("velocityUrl", velocityUrl).put("velocityToken", velocityToken)
        .put("agentPort", agentPort).put("requestTimeoutMs", requestTimeoutMs).put("simTaskDurationMs", simTaskDurationMs)
        .put("simCodeServer", simCodeServer);
    placement.addTo(json);
    return json;
  }

  public boolean simulated() {
    return MODE_SIMULATED.equals(mode);
  }

  /** In proxmox mode every outside system must be configured; names what is missing. */
  public void requireOutsideSystems() {
    if (simulated()) return;
    List<String> missing = new ArrayList<>();
    if (proxmoxUrl.isBlank()) missing.add("infra.proxmoxUrl");
    if (proxmoxTokenId.isBlank()) missing.add("infra.proxmoxTokenId");
    if (proxmoxTokenSecret.isBlank()) missing.add("infra.proxmoxTokenSecret");
    if (cloudflareZoneId.isBlank()) missing.add("infra.cloudflareZoneId");
    if (cloudflareToken.isBlank()) missing.add("infra.cloudflareToken");
    if (velocityUrl.isBlank()) missing.add("infra.velocityUrl");
    if (velocityToken.isBlank()) missing.add("infra.velocityToken");
    if (!missing.isEmpty()) {
      throw new ConfigException("infra.mode proxmox needs " + String.join(", ", missing)
          + " (ZLH_INFRA_* variables; see docs/configuration.md)");
    }
  }

  @Override
  public String toString() {
    return "InfraConfig[mode=" + mode + ", proxmoxUrl=" + proxmoxUrl + ", proxmoxNode=" + proxmoxNode
        + ", proxmoxTokenId=" + proxmoxTokenId + ", proxmoxTokenSecret=" + hidden(proxmoxTokenSecret)
        + ", proxmoxTrustAll=" + proxmoxTrustAll + ", cloudflareApiBase=" + cloudflareApiBase
        + ", cloudflareZoneId=" + cloudflareZoneId + ", cloudflareToken=" + hidden(cloudflareToken)
        + ", velocityUrl=" + velocityUrl + ", velocityToken=" + hidden(velocityToken)
        + ", agentPort=" + agentPort + ", requestTimeoutMs=" + requestTimeoutMs + ", simTaskDurationMs=" + simTaskDurationMs + ", placement=" + placement + ", simCodeServer=" + simCodeServer + "]";
  }

  static String hidden(String secret) {
    return secret == null || secret.isEmpty() ? "" : "***";
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
    private String mode;
    private String proxmoxUrl;
    private String proxmoxNode;
    private String proxmoxTokenId;
    private String proxmoxTokenSecret;
    private boolean proxmoxTrustAll;
    private String cloudflareApiBase;
    private String cloudflareZoneId;
    private String cloudflareToken;
    private String velocityUrl;
    private String velocityToken;
    private int agentPort;
    private long requestTimeoutMs;
    private long simTaskDurationMs;
    private PlacementConfig placement;
    private String simCodeServer;

    private Builder(InfraConfig values) {
      mode = values.mode;
      proxmoxUrl = values.proxmoxUrl;
      proxmoxNode = values.proxmoxNode;
      proxmoxTokenId = values.proxmoxTokenId;
      proxmoxTokenSecret = values.proxmoxTokenSecret;
      proxmoxTrustAll = values.proxmoxTrustAll;
      cloudflareApiBase = values.cloudflareApiBase;
      cloudflareZoneId = values.cloudflareZoneId;
      cloudflareToken = values.cloudflareToken;
      velocityUrl = values.velocityUrl;
      velocityToken = values.velocityToken;
      agentPort = values.agentPort;
      requestTimeoutMs = values.requestTimeoutMs;
      simTaskDurationMs = values.simTaskDurationMs;
      placement = values.placement;
      simCodeServer = values.simCodeServer;
    }

    public Builder mode(String mode) {
      this.mode = mode;
      return this;
    }

    public Builder proxmoxUrl(String proxmoxUrl) {
      this.proxmoxUrl = proxmoxUrl;
      return this;
    }

    public Builder proxmoxNode(String proxmoxNode) {
      this.proxmoxNode = proxmoxNode;
      return this;
    }

    public Builder proxmoxTokenId(String proxmoxTokenId) {
      this.proxmoxTokenId = proxmoxTokenId;
      return this;
    }

    public Builder proxmoxTokenSecret(String proxmoxTokenSecret) {
      this.proxmoxTokenSecret = proxmoxTokenSecret;
      return this;
    }

    public Builder proxmoxTrustAll(boolean proxmoxTrustAll) {
      this.proxmoxTrustAll = proxmoxTrustAll;
      return this;
    }

    public Builder cloudflareApiBase(String cloudflareApiBase) {
      this.cloudflareApiBase = cloudflareApiBase;
      return this;
    }

    public Builder cloudflareZoneId(String cloudflareZoneId) {
      this.cloudflareZoneId = cloudflareZoneId;
      return this;
    }

    public Builder cloudflareToken(String cloudflareToken) {
      this.cloudflareToken = cloudflareToken;
      return this;
    }

    public Builder velocityUrl(String velocityUrl) {
      this.velocityUrl = velocityUrl;
      return this;
    }

    public Builder velocityToken(String velocityToken) {
      this.velocityToken = velocityToken;
      return this;
    }

    public Builder agentPort(int agentPort) {
      this.agentPort = agentPort;
      return this;
    }

    public Builder requestTimeoutMs(long requestTimeoutMs) {
      this.requestTimeoutMs = requestTimeoutMs;
      return this;
    }

    public Builder simTaskDurationMs(long simTaskDurationMs) {
      this.simTaskDurationMs = simTaskDurationMs;
      return this;
    }

    public Builder placement(PlacementConfig placement) {
      this.placement = placement;
      return this;
    }

    public Builder simCodeServer(String simCodeServer) {
      this.simCodeServer = simCodeServer;
      return this;
    }

    public InfraConfig build() {
      return new InfraConfig(mode, proxmoxUrl, proxmoxNode, proxmoxTokenId, proxmoxTokenSecret, proxmoxTrustAll, cloudflareApiBase, cloudflareZoneId, cloudflareToken, velocityUrl, velocityToken, agentPort, requestTimeoutMs, simTaskDurationMs, placement, simCodeServer);
    }
  }
}
