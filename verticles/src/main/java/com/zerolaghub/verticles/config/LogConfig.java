package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * Log output (always on stderr, so command output on stdout stays clean).
 *
 * @param json one JSON object per line (logstash format); false prints plain text lines
 */
public record LogConfig(boolean json) {
  public static final boolean DEFAULT_JSON = true;

  public static LogConfig defaults() {
    return new LogConfig(DEFAULT_JSON);
  }

  static LogConfig from(ConfigSection s) {
    return new LogConfig(s.bool("json", DEFAULT_JSON));
  }

  JsonObject toJson() {
    return new JsonObject().put("json", json);
  }
}
