package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * Servers: provisioning, host power, teardown and the customer-facing server API.
 *
 * @param platformSecret     key from which each server's agent token is derived (HMAC-SHA256 of
 *                           the server id), so agent tokens are never stored; required in proxmox
 *                           mode, generated per run in simulated mode; never logged
 * @param workerConcurrency  operations one worker runs at the same time
 * @param gameDomain         SRV records are {@code _minecraft._tcp.<name>-<vmid>.<gameDomain>}
 * @param edgeHost           the Velocity edge's public host, the SRV records' target
 * @param edgePort           the Velocity edge's public port
 * @param gamePort           port the game listens on inside its container
 * @param gameTemplateVmid   Proxmox template cloned for game servers
 * @param devTemplateVmid    Proxmox template cloned for dev servers
 * @param stepRetryMs        how long a repeatable step retries transient failures (5xx, timeouts,
 *                           locked containers) before the operation fails
 * @param taskTimeoutMs      longest wait for one Proxmox task (clone, start, shutdown, destroy)
 * @param agentWaitMs        longest wait for a started container's agent to answer
 * @param shutdownGraceMs    clean shutdown time before Proxmox stops a host hard
 * @param statusTimeoutMs    deadline of each outside call made for {@code GET …/status}
 * @param uploadLimitBytes   largest file upload
 * @param starterServerLimit servers an account on the starter plan may hold
 * @param proServerLimit     servers an account on the pro plan may hold
 */
public record ServersConfig(
    String platformSecret,
    int workerConcurrency,
    String gameDomain,
    String edgeHost,
    int edgePort,
    int gamePort,
    int gameTemplateVmid,
    int devTemplateVmid,
    long stepRetryMs,
    long taskTimeoutMs,
    long agentWaitMs,
    long shutdownGraceMs,
    long statusTimeoutMs,
    long uploadLimitBytes,
    int starterServerLimit,
    int proServerLimit) {
  public static final int DEFAULT_WORKER_CONCURRENCY = 1;
  public static final String DEFAULT_GAME_DOMAIN = "play.zerolaghub.test";
  public static final String DEFAULT_EDGE_HOST = "edge.zerolaghub.test";
  public static final int DEFAULT_EDGE_PORT = 25565;
  public static final int DEFAULT_GAME_PORT = 25565;
  public static final int DEFAULT_GAME_TEMPLATE_VMID = 9000;
  public static final int DEFAULT_DEV_TEMPLATE_VMID = 9001;
  public static final long DEFAULT_STEP_RETRY_MS = 60_000;
  public static final long DEFAULT_TASK_TIMEOUT_MS = 300_000;
  public static final long DEFAULT_AGENT_WAIT_MS = 120_000;
  public static final long DEFAULT_SHUTDOWN_GRACE_MS = 60_000;
  public static final long DEFAULT_STATUS_TIMEOUT_MS = 2_000;
  public static final long DEFAULT_UPLOAD_LIMIT_BYTES = 100L * 1024 * 1024;
  public static final int DEFAULT_STARTER_SERVER_LIMIT = 3;
  public static final int DEFAULT_PRO_SERVER_LIMIT = 10;

  public ServersConfig {
    platformSecret = platformSecret == null ? "" : platformSecret;
    if (workerConcurrency < 1) throw new ConfigException("servers.workerConcurrency must be at least 1, got " + workerConcurrency);
    if (gameDomain == null || gameDomain.isBlank()) throw new ConfigException("servers.gameDomain must not be empty");
    if (edgeHost == null || edgeHost.isBlank()) throw new ConfigException("servers.edgeHost must not be empty");
    positive("stepRetryMs", stepRetryMs);
    positive("taskTimeoutMs", taskTimeoutMs);
    positive("agentWaitMs", agentWaitMs);
    positive("statusTimeoutMs", statusTimeoutMs);
    positive("uploadLimitBytes", uploadLimitBytes);
    if (shutdownGraceMs < 0) throw new ConfigException("servers.shutdownGraceMs must not be negative");
    if (starterServerLimit < 0 || proServerLimit < 0) throw new ConfigException("server limits must not be negative");
  }

  private static void positive(String key, long value) {
    if (value < 1) throw new ConfigException("servers." + key + " must be positive, got " + value);
  }

  public static ServersConfig defaults() {
    return new ServersConfig("", DEFAULT_WORKER_CONCURRENCY, DEFAULT_GAME_DOMAIN, DEFAULT_EDGE_HOST, DEFAULT_EDGE_PORT,
        DEFAULT_GAME_PORT, DEFAULT_GAME_TEMPLATE_VMID, DEFAULT_DEV_TEMPLATE_VMID, DEFAULT_STEP_RETRY_MS,
        DEFAULT_TASK_TIMEOUT_MS, DEFAULT_AGENT_WAIT_MS, DEFAULT_SHUTDOWN_GRACE_MS, DEFAULT_STATUS_TIMEOUT_MS,
        DEFAULT_UPLOAD_LIMIT_BYTES, DEFAULT_STARTER_SERVER_LIMIT, DEFAULT_PRO_SERVER_LIMIT);
  }

  static ServersConfig from(ConfigSection s) {
    return new ServersConfig(
        s.string("platformSecret", ""),
        s.integer("workerConcurrency", DEFAULT_WORKER_CONCURRENCY),
        s.string("gameDomain", DEFAULT_GAME_DOMAIN),
        s.string("edgeHost", DEFAULT_EDGE_HOST),
        s.integer("edgePort", DEFAULT_EDGE_PORT),
        s.integer("gamePort", DEFAULT_GAME_PORT),
        s.integer("gameTemplateVmid", DEFAULT_GAME_TEMPLATE_VMID),
        s.integer("devTemplateVmid", DEFAULT_DEV_TEMPLATE_VMID),
        s.longValue("stepRetryMs", DEFAULT_STEP_RETRY_MS),
        s.longValue("taskTimeoutMs", DEFAULT_TASK_TIMEOUT_MS),
        s.longValue("agentWaitMs", DEFAULT_AGENT_WAIT_MS),
        s.longValue("shutdownGraceMs", DEFAULT_SHUTDOWN_GRACE_MS),
        s.longValue("statusTimeoutMs", DEFAULT_STATUS_TIMEOUT_MS),
        s.longValue("uploadLimitBytes", DEFAULT_UPLOAD_LIMIT_BYTES),
        s.integer("starterServerLimit", DEFAULT_STARTER_SERVER_LIMIT),
        s.integer("proServerLimit", DEFAULT_PRO_SERVER_LIMIT));
  }

  JsonObject toJson() {
    return new JsonObject().put("platformSecret", platformSecret).put("workerConcurrency", workerConcurrency)
        .put("gameDomain", gameDomain).put("edgeHost", edgeHost).put("edgePort", edgePort).put("gamePort", gamePort)
        .put("gameTemplateVmid", gameTemplateVmid).put("devTemplateVmid", devTemplateVmid)
        .put("stepRetryMs", stepRetryMs).put("taskTimeoutMs", taskTimeoutMs).put("agentWaitMs", agentWaitMs)
        .put("shutdownGraceMs", shutdownGraceMs).put("statusTimeoutMs", statusTimeoutMs)
        .put("uploadLimitBytes", uploadLimitBytes)
        .put("starterServerLimit", starterServerLimit).put("proServerLimit", proServerLimit);
  }

  @Override
  public String toString() {
    return "ServersConfig[platformSecret=" + InfraConfig.hidden(platformSecret) + ", workerConcurrency=" + workerConcurrency
        + ", gameDomain=" + gameDomain + ", edgeHost=" + edgeHost + ", edgePort=" + edgePort + ", gamePort=" + gamePort
        + ", gameTemplateVmid=" + gameTemplateVmid + ", devTemplateVmid=" + devTemplateVmid
        + ", stepRetryMs=" + stepRetryMs + ", taskTimeoutMs=" + taskTimeoutMs + ", agentWaitMs=" + agentWaitMs
        + ", shutdownGraceMs=" + shutdownGraceMs + ", statusTimeoutMs=" + statusTimeoutMs
        + ", uploadLimitBytes=" + uploadLimitBytes + ", starterServerLimit=" + starterServerLimit
        + ", proServerLimit=" + proServerLimit + "]";
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
    private String platformSecret;
    private int workerConcurrency;
    private String gameDomain;
    private String edgeHost;
    private int edgePort;
    private int gamePort;
    private int gameTemplateVmid;
    private int devTemplateVmid;
    private long stepRetryMs;
    private long taskTimeoutMs;
    private long agentWaitMs;
    private long shutdownGraceMs;
    private long statusTimeoutMs;
    private long uploadLimitBytes;
    private int starterServerLimit;
    private int proServerLimit;

    private Builder(ServersConfig values) {
      platformSecret = values.platformSecret;
      workerConcurrency = values.workerConcurrency;
      gameDomain = values.gameDomain;
      edgeHost = values.edgeHost;
      edgePort = values.edgePort;
      gamePort = values.gamePort;
      gameTemplateVmid = values.gameTemplateVmid;
      devTemplateVmid = values.devTemplateVmid;
      stepRetryMs = values.stepRetryMs;
      taskTimeoutMs = values.taskTimeoutMs;
      agentWaitMs = values.agentWaitMs;
      shutdownGraceMs = values.shutdownGraceMs;
      statusTimeoutMs = values.statusTimeoutMs;
      uploadLimitBytes = values.uploadLimitBytes;
      starterServerLimit = values.starterServerLimit;
      proServerLimit = values.proServerLimit;
    }

    public Builder platformSecret(String platformSecret) {
      this.platformSecret = platformSecret;
      return this;
    }

    public Builder workerConcurrency(int workerConcurrency) {
      this.workerConcurrency = workerConcurrency;
      return this;
    }

    public Builder gameDomain(String gameDomain) {
      this.gameDomain = gameDomain;
      return this;
    }

    public Builder edgeHost(String edgeHost) {
      this.edgeHost = edgeHost;
      return this;
    }

    public Builder edgePort(int edgePort) {
      this.edgePort = edgePort;
      return this;
    }

    public Builder gamePort(int gamePort) {
      this.gamePort = gamePort;
      return this;
    }

    public Builder gameTemplateVmid(int gameTemplateVmid) {
      this.gameTemplateVmid = gameTemplateVmid;
      return this;
    }

    public Builder devTemplateVmid(int devTemplateVmid) {
      this.devTemplateVmid = devTemplateVmid;
      return this;
    }

    public Builder stepRetryMs(long stepRetryMs) {
      this.stepRetryMs = stepRetryMs;
      return this;
    }

    public Builder taskTimeoutMs(long taskTimeoutMs) {
      this.taskTimeoutMs = taskTimeoutMs;
      return this;
    }

    public Builder agentWaitMs(long agentWaitMs) {
      this.agentWaitMs = agentWaitMs;
      return this;
    }

    public Builder shutdownGraceMs(long shutdownGraceMs) {
      this.shutdownGraceMs = shutdownGraceMs;
      return this;
    }

    public Builder statusTimeoutMs(long statusTimeoutMs) {
      this.statusTimeoutMs = statusTimeoutMs;
      return this;
    }

    public Builder uploadLimitBytes(long uploadLimitBytes) {
      this.uploadLimitBytes = uploadLimitBytes;
      return this;
    }

    public Builder starterServerLimit(int starterServerLimit) {
      this.starterServerLimit = starterServerLimit;
      return this;
    }

    public Builder proServerLimit(int proServerLimit) {
      this.proServerLimit = proServerLimit;
      return this;
    }

    public ServersConfig build() {
      return new ServersConfig(platformSecret, workerConcurrency, gameDomain, edgeHost, edgePort, gamePort, gameTemplateVmid, devTemplateVmid, stepRetryMs, taskTimeoutMs, agentWaitMs, shutdownGraceMs, statusTimeoutMs, uploadLimitBytes, starterServerLimit, proServerLimit);
    }
  }
}
