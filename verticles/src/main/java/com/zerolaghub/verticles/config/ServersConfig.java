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

  public ServersConfig withPlatformSecret(String platformSecret) {
    return new ServersConfig(platformSecret, workerConcurrency, gameDomain, edgeHost, edgePort, gamePort, gameTemplateVmid,
        devTemplateVmid, stepRetryMs, taskTimeoutMs, agentWaitMs, shutdownGraceMs, statusTimeoutMs, uploadLimitBytes,
        starterServerLimit, proServerLimit);
  }

  public ServersConfig withWorkerConcurrency(int workerConcurrency) {
    return new ServersConfig(platformSecret, workerConcurrency, gameDomain, edgeHost, edgePort, gamePort, gameTemplateVmid,
        devTemplateVmid, stepRetryMs, taskTimeoutMs, agentWaitMs, shutdownGraceMs, statusTimeoutMs, uploadLimitBytes,
        starterServerLimit, proServerLimit);
  }

  /** Tighter deadlines, for tests and benchmarks against simulators. */
  public ServersConfig withDeadlines(long stepRetryMs, long taskTimeoutMs, long agentWaitMs, long shutdownGraceMs) {
    return new ServersConfig(platformSecret, workerConcurrency, gameDomain, edgeHost, edgePort, gamePort, gameTemplateVmid,
        devTemplateVmid, stepRetryMs, taskTimeoutMs, agentWaitMs, shutdownGraceMs, statusTimeoutMs, uploadLimitBytes,
        starterServerLimit, proServerLimit);
  }

  public ServersConfig withServerLimits(int starterServerLimit, int proServerLimit) {
    return new ServersConfig(platformSecret, workerConcurrency, gameDomain, edgeHost, edgePort, gamePort, gameTemplateVmid,
        devTemplateVmid, stepRetryMs, taskTimeoutMs, agentWaitMs, shutdownGraceMs, statusTimeoutMs, uploadLimitBytes,
        starterServerLimit, proServerLimit);
  }

  public ServersConfig withUploadLimitBytes(long uploadLimitBytes) {
    return new ServersConfig(platformSecret, workerConcurrency, gameDomain, edgeHost, edgePort, gamePort, gameTemplateVmid,
        devTemplateVmid, stepRetryMs, taskTimeoutMs, agentWaitMs, shutdownGraceMs, statusTimeoutMs, uploadLimitBytes,
        starterServerLimit, proServerLimit);
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
}
