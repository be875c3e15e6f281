package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Prometheus discovery ({@code /sd/exporters}) and the server-card metrics summary.
 *
 * @param sdToken               bearer token Prometheus (or {@code zlh sd sync}) must present; never logged
 * @param sdTokenFile           file holding that token instead (first line, trimmed); read at start
 * @param sdDevelopmentMode     with no token configured, serve discovery without authentication
 *                              (logged as a warning); ignored with {@code infra.mode=proxmox}
 * @param exporterPort          port of the exporter (Alloy) inside every container
 * @param prometheusUrl         base URL of the Prometheus whose query API answers the summaries
 * @param prometheusTimeoutMs   how long a summary waits for Prometheus
 * @param summaryStaleSeconds   a sample older than this is reported as missing ({@code null}, {@code stale: true})
 */
public record MonitoringConfig(String sdToken, String sdTokenFile, boolean sdDevelopmentMode, int exporterPort,
    String prometheusUrl, long prometheusTimeoutMs, int summaryStaleSeconds) {
  public static final String DEFAULT_SD_TOKEN = "";
  public static final String DEFAULT_SD_TOKEN_FILE = "";
  /** On in the built-in (laptop) defaults; production sets a token, which always wins. */
  public static final boolean DEFAULT_SD_DEVELOPMENT_MODE = true;
  /** Grafana Alloy's HTTP port. */
  public static final int DEFAULT_EXPORTER_PORT = 12345;
  public static final String DEFAULT_PROMETHEUS_URL = "http://127.0.0.1:9090";
  public static final long DEFAULT_PROMETHEUS_TIMEOUT_MS = 2_000;
  public static final int DEFAULT_SUMMARY_STALE_SECONDS = 60;

  public MonitoringConfig {
    sdToken = sdToken == null ? "" : sdToken.strip();
    sdTokenFile = sdTokenFile == null ? "" : sdTokenFile.strip();
    prometheusUrl = prometheusUrl == null ? "" : prometheusUrl.strip();
    if (!sdToken.isEmpty() && !sdTokenFile.isEmpty()) {
      throw new ConfigException("set monitoring.sdToken or monitoring.sdTokenFile, not both");
    }
    if (exporterPort < 1 || exporterPort > 65_535) {
      throw new ConfigException("monitoring.exporterPort must be between 1 and 65535, got " + exporterPort);
    }
    if (!prometheusUrl.isEmpty() && !validHttpUrl(prometheusUrl)) {
      throw new ConfigException("monitoring.prometheusUrl must be an http:// or https:// URL, got '" + prometheusUrl + "'");
    }
    if (prometheusTimeoutMs < 1) {
      throw new ConfigException("monitoring.prometheusTimeoutMs must be positive, got " + prometheusTimeoutMs);
    }
    if (summaryStaleSeconds < 1) {
      throw new ConfigException("monitoring.summaryStaleSeconds must be positive, got " + summaryStaleSeconds);
    }
  }

  public static MonitoringConfig defaults() {
    return new MonitoringConfig(DEFAULT_SD_TOKEN, DEFAULT_SD_TOKEN_FILE, DEFAULT_SD_DEVELOPMENT_MODE, DEFAULT_EXPORTER_PORT,
        DEFAULT_PROMETHEUS_URL, DEFAULT_PROMETHEUS_TIMEOUT_MS, DEFAULT_SUMMARY_STALE_SECONDS);
  }

  static MonitoringConfig from(ConfigSection s) {
    return new MonitoringConfig(
        s.string("sdToken", DEFAULT_SD_TOKEN), s.string("sdTokenFile", DEFAULT_SD_TOKEN_FILE),
        s.bool("sdDevelopmentMode", DEFAULT_SD_DEVELOPMENT_MODE), s.integer("exporterPort", DEFAULT_EXPORTER_PORT),
        s.string("prometheusUrl", DEFAULT_PROMETHEUS_URL), s.longValue("prometheusTimeoutMs", DEFAULT_PROMETHEUS_TIMEOUT_MS),
        s.integer("summaryStaleSeconds", DEFAULT_SUMMARY_STALE_SECONDS));
  }

  JsonObject toJson() {
    return new JsonObject().put("sdToken", sdToken).put("sdTokenFile", sdTokenFile)
        .put("sdDevelopmentMode", sdDevelopmentMode).put("exporterPort", exporterPort)
        .put("prometheusUrl", prometheusUrl).put("prometheusTimeoutMs", prometheusTimeoutMs)
        .put("summaryStaleSeconds", summaryStaleSeconds);
  }

  /** Whether a token is configured, inline or by file. */
  public boolean sdTokenConfigured() {
    return !sdToken.isEmpty() || !sdTokenFile.isEmpty();
  }

  @Override
  public String toString() {
    return "MonitoringConfig[sdToken=" + (sdToken.isEmpty() ? "" : "***") + ", sdTokenFile=" + sdTokenFile
        + ", sdDevelopmentMode=" + sdDevelopmentMode + ", exporterPort=" + exporterPort + ", prometheusUrl=" + prometheusUrl
        + ", prometheusTimeoutMs=" + prometheusTimeoutMs + ", summaryStaleSeconds=" + summaryStaleSeconds + "]";
  }

  private static boolean validHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
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
    private String sdToken;
    private String sdTokenFile;
    private boolean sdDevelopmentMode;
    private int exporterPort;
    private String prometheusUrl;
    private long prometheusTimeoutMs;
    private int summaryStaleSeconds;

    private Builder(MonitoringConfig values) {
      sdToken = values.sdToken;
      sdTokenFile = values.sdTokenFile;
      sdDevelopmentMode = values.sdDevelopmentMode;
      exporterPort = values.exporterPort;
      prometheusUrl = values.prometheusUrl;
      prometheusTimeoutMs = values.prometheusTimeoutMs;
      summaryStaleSeconds = values.summaryStaleSeconds;
    }

    public Builder sdToken(String sdToken) {
      this.sdToken = sdToken;
      return this;
    }

    public Builder sdTokenFile(String sdTokenFile) {
      this.sdTokenFile = sdTokenFile;
      return this;
    }

    public Builder sdDevelopmentMode(boolean sdDevelopmentMode) {
      this.sdDevelopmentMode = sdDevelopmentMode;
      return this;
    }

    public Builder exporterPort(int exporterPort) {
      this.exporterPort = exporterPort;
      return this;
    }

    public Builder prometheusUrl(String prometheusUrl) {
      this.prometheusUrl = prometheusUrl;
      return this;
    }

    public Builder prometheusTimeoutMs(long prometheusTimeoutMs) {
      this.prometheusTimeoutMs = prometheusTimeoutMs;
      return this;
    }

    public Builder summaryStaleSeconds(int summaryStaleSeconds) {
      this.summaryStaleSeconds = summaryStaleSeconds;
      return this;
    }

    public MonitoringConfig build() {
      return new MonitoringConfig(sdToken, sdTokenFile, sdDevelopmentMode, exporterPort, prometheusUrl, prometheusTimeoutMs, summaryStaleSeconds);
    }
  }
}
