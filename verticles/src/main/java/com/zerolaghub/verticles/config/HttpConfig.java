package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * The API's HTTP listener.
 *
 * @param port           TCP port of the API, health and metrics endpoints (0 picks a free port)
 * @param host           address to bind; 0.0.0.0 listens on every interface
 * @param bodyLimitBytes largest request body accepted; larger bodies answer 413
 */
public record HttpConfig(int port, String host, long bodyLimitBytes) {
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final long DEFAULT_BODY_LIMIT_BYTES = 65_536;

  public HttpConfig {
    if (port < 0 || port > 65_535) throw new ConfigException("http.port must be between 0 and 65535, got " + port);
    if (host == null || host.isBlank()) throw new ConfigException("http.host must not be empty");
    if (bodyLimitBytes < 1) throw new ConfigException("http.bodyLimitBytes must be positive, got " + bodyLimitBytes);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_PORT, DEFAULT_HOST, DEFAULT_BODY_LIMIT_BYTES);
  }

  static HttpConfig from(ConfigSection s) {
    return new HttpConfig(
        s.integer("port", DEFAULT_PORT), s.string("host", DEFAULT_HOST), s.longValue("bodyLimitBytes", DEFAULT_BODY_LIMIT_BYTES));
  }

  JsonObject toJson() {
    return new JsonObject().put("port", port).put("host", host).put("bodyLimitBytes", bodyLimitBytes);
  }
}
